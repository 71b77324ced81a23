import { describe, expect, it } from 'vitest';
import { codes, costOf, gql, newCitizen, tokenFor } from '../../test/graph';
import { dept, reply, submitOk } from './test-helpers';

/** Only this file sends feedback to TRANSPORT, so a window around its own submissions holds only its rows. */
const STATS = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
  department(id: $id) { code feedbackStats(from: $from, to: $to) { received answered averageResponseHours averageSatisfaction byKind { kind count } } }
}`;
const stats = (token: string | undefined, from: string, to: string) => gql(STATS, { id: dept('TRANSPORT'), from, to }, { token });

describe('Department.feedbackStats', () => {
  it('figures recomputed from the rows this test created', async () => {
    const a = await newCitizen('fb-stats-a');
    const b = await newCitizen('fb-stats-b');
    const from = new Date(Date.now() - 1).toISOString();
    const base = { departmentId: dept('TRANSPORT') };
    const items = [
      await submitOk(a.token, { ...base, kind: 'COMPLAINT' }),
      await submitOk(a.token, { ...base, kind: 'COMPLAINT' }),
      await submitOk(b.token, { ...base, kind: 'INQUIRY' }),
      await submitOk(b.token, { ...base, kind: 'SUGGESTION' }),
      await submitOk(a.token, { ...base, kind: 'INQUIRY' }),
    ];
    const answeredAt: Record<string, string> = {};
    for (const f of items.slice(0, 3)) {
      const r = await reply('officer.transport@demo.gov', f.id, 'Answer.');
      answeredAt[f.id] = r.data.replyToFeedback.feedback.replies[0].at;
    }
    const to = new Date(Date.now() + 1000).toISOString();
    const rateAs = (token: string, feedbackId: string, score: number) =>
      gql('mutation($i: RateFeedbackInput!) { rateFeedback(input: $i) { userErrors { code } } }', { i: { feedbackId, score } }, { token });
    await rateAs(a.token, items[0].id, 5);
    await rateAs(b.token, items[2].id, 2);

    const r = await stats(await tokenFor('analyst@demo.gov'), from, to);
    expect(r.errors).toBeUndefined();
    const hours = items.slice(0, 3).map((f) => (Date.parse(answeredAt[f.id]) - Date.parse(f.submittedAt)) / 3_600_000);
    const s = r.data.department.feedbackStats;
    expect(s).toEqual({
      received: 5,
      answered: 3,
      averageResponseHours: expect.any(Number),
      averageSatisfaction: 3.5,
      byKind: [
        { kind: 'COMPLAINT', count: 2 },
        { kind: 'SUGGESTION', count: 1 },
        { kind: 'OPINION', count: 0 },
        { kind: 'INQUIRY', count: 2 },
      ],
    });
    expect(s.averageResponseHours).toBeCloseTo(hours.reduce((x, y) => x + y, 0) / 3, 9);

    // An admin sees the same, the department's own officer nothing (the dashboard is for analysts
    // and admins); a window before it all, nothing.
    const officer = await stats(await tokenFor('officer.transport@demo.gov'), from, to);
    expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stats(await tokenFor('admin@demo.gov'), from, to)).data.department.feedbackStats).toEqual(s);
    const empty = await stats(await tokenFor('analyst@demo.gov'), '2000-01-01T00:00:00Z', '2000-02-01T00:00:00Z');
    expect(empty.data.department.feedbackStats).toMatchObject({ received: 0, answered: 0, averageResponseHours: null, averageSatisfaction: null });

    // Every department at once: the same figures, one SQL statement in this subgraph.
    const all = await gql(
      `query($from: DateTime!, $to: DateTime!) { departments { id feedbackStats(from: $from, to: $to) { received answered averageResponseHours averageSatisfaction byKind { kind count } } } }`,
      { from, to },
      { token: await tokenFor('analyst@demo.gov'), traced: true },
    );
    expect(all.data.departments).toHaveLength(5);
    expect(all.data.departments.find((d: { id: string }) => d.id === dept('TRANSPORT')).feedbackStats).toEqual(s);
    expect((await costOf(all)).feedback.sqlStatements).toBe(1);
  });

  it('is refused to citizens, editors and other departments’ officers (FORBIDDEN) and to anonymous callers', async () => {
    const window = ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'] as const;
    const citizen = await newCitizen('fb-stats-forbidden');
    for (const token of [citizen.token, await tokenFor('editor.transport@demo.gov'), await tokenFor('officer.tax@demo.gov')]) {
      expect(codes(await stats(token, ...window))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await stats(undefined, ...window))).toEqual(['UNAUTHENTICATED']);
  });
});
