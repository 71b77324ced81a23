import { describe, expect, it } from 'vitest';
import { codes, costOf, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { userId } from '../kit/demo';
import { act, LICENCE, submit } from './test-support';

const queue = (token: string, variables: Record<string, unknown>, traced = false) =>
  gql(operation('officer/ApplicationQueue'), variables, { token, traced });

describe('the department queue', () => {
  it('shows an officer their own department’s open applications, oldest due first, in keyset pages', async () => {
    const officer = await tokenFor('officer.biz@demo.gov');
    const first = await queue(officer, { first: 30 });
    expect(first.errors).toBeUndefined();
    const nodes = first.data.applicationQueue.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.trackingNumber).toMatch(/^BIZ-/);
      expect(['SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'APPROVED']).toContain(n.status);
      expect(n.applicant.displayName).toEqual(expect.any(String));
    }
    const dues = nodes.map((n: any) => n.dueAt);
    expect([...dues].sort()).toEqual(dues);

    const next = await queue(officer, { first: 30, after: first.data.applicationQueue.pageInfo.endCursor });
    const nextNodes = next.data.applicationQueue.edges.map((e: any) => e.node);
    if (nextNodes.length) expect(nextNodes[0].dueAt >= dues.at(-1)).toBe(true);
    expect(nextNodes.filter((n: any) => nodes.some((m: any) => m.id === n.id))).toEqual([]);
  });

  it('filters by status, overdue and procedure', async () => {
    const citizen = await newCitizen('queue');
    const officer = await tokenFor('officer.biz@demo.gov');
    const { application } = await submit(citizen.token);
    await act(officer, application.id, 'ACCEPT', 1);

    const accepted = await queue(officer, { first: 100, filter: { statuses: ['ACCEPTED'], procedureId: LICENCE.id } });
    const nodes = accepted.data.applicationQueue.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.status === 'ACCEPTED' && n.procedure.code === 'BIZ-LICENCE')).toBe(true);
    expect(accepted.data.applicationQueue.totalCount).toBeGreaterThanOrEqual(1);

    const overdue = await queue(officer, { first: 100, filter: { overdue: true } });
    expect(overdue.data.applicationQueue.totalCount).toBeGreaterThan(0); // the demo data has overdue work
    expect(overdue.data.applicationQueue.edges.every((e: any) => e.node.overdue)).toBe(true);
    const onTime = await queue(officer, { first: 100, filter: { overdue: false } });
    expect(onTime.data.applicationQueue.edges.every((e: any) => !e.node.overdue)).toBe(true);
  });

  it('is for staff only: citizens are refused', async () => {
    const citizen = await newCitizen('no-queue');
    expect(codes(await queue(citizen.token, { first: 5 }))).toEqual(['FORBIDDEN']);
    expect(codes(await queue('', { first: 5 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('costs the same SQL for a page of 100 as for a page of 1, and one fetch per other subgraph', async () => {
    const admin = await tokenFor('admin@demo.gov');
    const one = await queue(admin, { first: 1, filter: { statuses: ['SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'APPROVED', 'COMPLETED', 'DENIED'] } }, true);
    const hundred = await queue(admin, { first: 100, filter: { statuses: ['SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'APPROVED', 'COMPLETED', 'DENIED'] } }, true);
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data.applicationQueue.edges).toHaveLength(100);
    const [c1, c100] = [(await costOf(one)), (await costOf(hundred))];
    expect(c100.applications.sqlStatements).toBe(c1.applications.sqlStatements);
    expect(c100.applications.fetches).toBe(1);
    expect(c100.identity.fetches).toBe(1);
    expect(c100.procedures.fetches).toBe(1);
  });
});

describe('statistics', () => {
  const deptStats = (token: string, from?: string, to?: string) =>
    gql(`query($code: String) { department(code: $code) { applicationStats${from ? '(from: "' + from + '", to: "' + to + '")' : ''} { submitted byStatus { status count } averageProcessingDays overdue } } }`, { code: 'BIZ' }, { token });

  it('gives analysts figures for a period; officers, editors and citizens are refused', async () => {
    const analyst = await deptStats(await tokenFor('analyst@demo.gov'));
    expect(analyst.errors).toBeUndefined();
    const s = analyst.data.department.applicationStats;
    expect(s.submitted).toBeGreaterThan(0);
    expect(s.byStatus.reduce((n: number, b: any) => n + b.count, 0)).toBe(s.submitted);
    expect(s.averageProcessingDays).toBeGreaterThan(0);
    expect(s.overdue).toBeGreaterThan(0);

    const future = await deptStats(await tokenFor('analyst@demo.gov'), '2099-01-01T00:00:00Z', '2099-12-31T00:00:00Z');
    expect(future.data.department.applicationStats).toEqual({ submitted: 0, byStatus: [], averageProcessingDays: null, overdue: 0 });

    for (const who of ['officer.biz@demo.gov', 'officer.tax@demo.gov', 'editor.biz@demo.gov']) {
      expect(codes(await deptStats(await tokenFor(who)))).toEqual(['FORBIDDEN']);
    }
    const citizen = await newCitizen('stats');
    expect(codes(await deptStats(citizen.token))).toEqual(['FORBIDDEN']);
  });

  it('computes the figures of a whole page of procedures in one statement', async () => {
    const q = `query($n: Int!) { department(code: "BIZ") { procedures(first: $n) { edges { node {
      applicationStats(from: "2020-01-01T00:00:00Z", to: "2099-01-01T00:00:00Z") { submitted overdue } } } } } }`;
    const analyst = await tokenFor('analyst@demo.gov');
    const one = await gql(q, { n: 1 }, { token: analyst, traced: true });
    const all = await gql(q, { n: 50 }, { token: analyst, traced: true });
    expect(all.errors).toBeUndefined();
    expect(all.data.department.procedures.edges.length).toBeGreaterThan(1);
    expect((await costOf(all)).applications).toEqual({ fetches: 1, sqlStatements: 1 });
    expect((await costOf(one)).applications).toEqual({ fetches: 1, sqlStatements: 1 });
  });

  it('shows real figures in ProcedureGuide as written, public', async () => {
    const r = await gql(operation('web/ProcedureGuide'), { code: 'BIZ-LICENCE' });
    expect(r.errors).toBeUndefined();
    const stats = r.data.procedure.applicationStats;
    expect(stats.submitted).toBeGreaterThan(0);
    expect(stats.averageProcessingDays).toBeGreaterThan(0);
  });

  it('counts a new application in its procedure’s public figures', async () => {
    const q = `query($id: ID!) { procedure(id: $id) { applicationStats { submitted byStatus { status count } } } }`;
    const before = await gql(q, { id: LICENCE.id });
    expect(before.errors).toBeUndefined();
    const citizen = await newCitizen('stats2');
    await submit(citizen.token);
    const after = await gql(q, { id: LICENCE.id });
    expect(after.data.procedure.applicationStats.submitted).toBeGreaterThan(before.data.procedure.applicationStats.submitted);
  });
});

describe('demo data', () => {
  it('holds applications in every state with consistent history, some overdue', async () => {
    const admin = await tokenFor('admin@demo.gov');
    const all = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'SUPPLEMENT_REQUESTED', 'APPROVED', 'DENIED', 'COMPLETED', 'WITHDRAWN'];
    // The demo citizens' applications: other files' fresh ones are acted on while this reads, and a
    // node's status and version come from one statement, its history from the next.
    const applicants = ['citizen@demo.gov', 'citizen2@demo.gov'].map(userId);
    const q = `query($s: [ApplicationStatus!], $a: ID, $overdue: Boolean) { applicationQueue(first: 100, filter: { statuses: $s, applicantId: $a, overdue: $overdue }) { totalCount edges { node {
      status version overdue decidedAt history { fromStatus toStatus } } } } }`;
    for (const status of all) {
      let total = 0;
      for (const applicant of applicants) {
        const r = await gql(q, { s: [status], a: applicant }, { token: admin });
        expect(r.errors).toBeUndefined();
        total += r.data.applicationQueue.totalCount;
        for (const { node } of r.data.applicationQueue.edges) {
          expect(node.history[0].fromStatus).toBeNull();
          expect(node.history.at(-1).toStatus).toBe(node.status);
          expect(node.history).toHaveLength(node.version);
          for (let i = 1; i < node.history.length; i++) expect(node.history[i].fromStatus).toBe(node.history[i - 1].toStatus);
          expect(node.decidedAt !== null).toBe(node.history.some((h: any) => ['APPROVED', 'DENIED', 'REJECTED'].includes(h.toStatus)));
        }
      }
      expect([status, total > 0]).toEqual([status, true]);
    }
    const overdue = await gql(q, { s: ['SUBMITTED', 'ACCEPTED'], overdue: true }, { token: admin });
    expect(overdue.data.applicationQueue.totalCount).toBeGreaterThan(0);
  });
});
