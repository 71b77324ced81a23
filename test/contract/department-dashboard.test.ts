import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../../subgraphs/kit/demo-catalogue';
import { departmentId } from '../../subgraphs/kit/demo';
import { sampleFormData } from '../../subgraphs/applications/sample-form-data';
import { codes, gql, newCitizen, operation, tokenFor } from '../graph';

/**
 * DepartmentDashboard end to end across every subgraph, with figures recomputed from the rows this
 * test creates in a window around them. No other test applies to HOUSING, so its half is exact.
 * Other files send BIZ feedback at any moment (the authorization matrix, log redaction), so its
 * half holds at least this test's rows; feedback/stats.test.ts checks exact feedback figures on a
 * department where only it writes.
 */
const PERMIT = DEMO_CATALOGUE.find((p) => p.code === 'HOUSING-BUILDING-PERMIT')!;
const dashboard = (code: string, from: string, to: string, token?: string) =>
  gql(operation('analyst/DepartmentDashboard'), { code, from, to }, { token });

async function apply(token: string, n: number) {
  const r = await gql(
    operation('web/SubmitApplication'),
    { input: { procedureId: PERMIT.id, formData: sampleFormData(PERMIT.applicationForm as never, n, { fullName: 'Dash Board', email: 'dash@example.org' }), idempotencyKey: randomUUID() } },
    { token },
  );
  expect(r.data.submitApplication.userErrors).toEqual([]);
  return r.data.submitApplication.application as { id: string; version: number };
}

async function transition(id: string, action: string, expectedVersion: number, comment?: string) {
  const r = await gql(operation('officer/TransitionApplication'), { input: { id, action, expectedVersion, comment } }, { token: await tokenFor('officer.housing@demo.gov') });
  expect(r.data.transitionApplication.userErrors).toEqual([]);
  return r.data.transitionApplication.application as { version: number };
}

describe('DepartmentDashboard', () => {
  it('shows every subgraph’s figures for the period, as the rows created say', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const citizen = await newCitizen('dashboard');

    // Applications to HOUSING: three submitted; one accepted and approved, one rejected.
    const [a, b] = [await apply(citizen.token, 1), await apply(citizen.token, 2)];
    await apply(citizen.token, 3);
    const accepted = await transition(a.id, 'ACCEPT', a.version);
    await transition(a.id, 'APPROVE', accepted.version);
    await transition(b.id, 'REJECT', b.version, 'Not a matter for this department.');

    // Feedback to BIZ: a complaint answered and rated 4, an inquiry left open.
    const submit = (kind: string, subject: string) =>
      gql(operation('web/SubmitFeedback'), { input: { kind, departmentId: departmentId('BIZ'), subject, body: `${subject}: details.`, idempotencyKey: randomUUID() } }, { token: citizen.token });
    const complaint = (await submit('COMPLAINT', 'Dashboard complaint')).data.submitFeedback.feedback;
    await submit('INQUIRY', 'Dashboard inquiry');
    await gql(operation('officer/ReplyToFeedback'), { input: { feedbackId: complaint.id, body: 'Answered.' } }, { token: await tokenFor('officer.biz@demo.gov') });
    const rated = await gql(operation('web/RateFeedback'), { input: { feedbackId: complaint.id, score: 4 } }, { token: citizen.token });
    expect(rated.data.rateFeedback.userErrors).toEqual([]);
    const to = new Date(Date.now() + 1000).toISOString();

    const housing = await dashboard('HOUSING', from, to, await tokenFor('analyst@demo.gov'));
    expect(housing.errors).toBeUndefined();
    const d = housing.data.department;
    expect(d).toMatchObject({ code: 'HOUSING', name: 'Department of Housing and Urban Development' });
    expect(d.applicationStats.submitted).toBe(3);
    const byStatus = Object.fromEntries(d.applicationStats.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]));
    expect(byStatus).toMatchObject({ APPROVED: 1, REJECTED: 1, SUBMITTED: 1 });
    expect(d.applicationStats.overdue).toBe(0);
    // Two decided within seconds: well under a day.
    expect(d.applicationStats.averageProcessingDays).toBeGreaterThanOrEqual(0);
    expect(d.applicationStats.averageProcessingDays).toBeLessThan(0.01);
    const permit = d.procedures.edges.find((e: any) => e.node.code === PERMIT.code).node;
    expect(permit.applicationStats).toMatchObject({ submitted: 3, overdue: 0 });
    // Other tests may add procedures to HOUSING; the demo ones are all there.
    expect(d.procedures.totalCount).toBeGreaterThanOrEqual(DEMO_CATALOGUE.filter((p) => p.departmentCode === 'HOUSING').length);
    expect(d.publications.totalCount).toBeGreaterThan(0);

    const biz = await dashboard('BIZ', from, to, await tokenFor('admin@demo.gov'));
    expect(biz.errors).toBeUndefined();
    const f = biz.data.department.feedbackStats;
    expect(f.received).toBeGreaterThanOrEqual(2);
    expect(f.answered).toBeGreaterThanOrEqual(1);
    expect(f.averageSatisfaction).toBeGreaterThanOrEqual(1);
    expect(f.averageSatisfaction).toBeLessThanOrEqual(5);
    expect(f.averageResponseHours).toBeGreaterThanOrEqual(0);
    const byKind = Object.fromEntries(f.byKind.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    expect(byKind.COMPLAINT).toBeGreaterThanOrEqual(1);
    expect(byKind.INQUIRY).toBeGreaterThanOrEqual(1);
  });

  it('is refused to citizens and editors', async () => {
    const from = '2025-01-01T00:00:00Z';
    const to = '2027-01-01T00:00:00Z';
    for (const who of ['citizen@demo.gov', 'editor.housing@demo.gov']) {
      const r = await dashboard('HOUSING', from, to, await tokenFor(who));
      expect(codes(r)).toContain('FORBIDDEN');
      expect(r.data?.department?.applicationStats ?? null).toBeNull();
    }
    expect(codes(await dashboard('HOUSING', from, to))).toContain('UNAUTHENTICATED');
  });
});
