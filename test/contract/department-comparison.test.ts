import { describe, expect, it } from 'vitest';
import { licenceDocuments, submit as apply } from '../../subgraphs/applications/test-support';
import { dept, reply, submitOk } from '../../subgraphs/feedback/test-helpers';
import { codes, costOf, gql, newCitizen, operation, tokenFor } from '../graph';

/**
 * Analysts compare every department side by side, with weekly trends in one time zone: one query,
 * each subgraph asked once for all departments, the weeks counting what happens this week.
 */
const COMPARE = operation('analyst/DepartmentComparison');
const ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;
/** Four whole weeks ending with the one that holds now (Monday 00:00 in Shanghai, UTC+8 all year). */
function period() {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - ((local.getUTCDay() + 6) % 7) * DAY - 8 * 3_600_000;
  return { from: new Date(monday - 3 * 7 * DAY).toISOString(), to: new Date(monday + 7 * DAY).toISOString(), timeZone: ZONE };
}
type Week = { weekStart: string; submitted?: number; decided?: number; received?: number; answered?: number };
const biz = async () => {
  const r = await gql(COMPARE, period(), { token: await tokenFor('analyst@demo.gov') });
  expect(r.errors).toBeUndefined();
  return r.data.departments.find((d: { code: string }) => d.code === 'BIZ') as { applicationWeeks: Week[]; feedbackWeeks: Week[]; applicationStats: { submitted: number } };
};

describe('departments side by side, week by week', () => {
  it('lists every department with four weeks, counting this week’s application and feedback in the last one', async () => {
    const before = await biz();
    expect(before.applicationWeeks).toHaveLength(4);
    expect(before.feedbackWeeks).toHaveLength(4);
    expect(new Date(`${before.applicationWeeks[0].weekStart}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday

    const citizen = await newCitizen('compare');
    const { application } = await apply(citizen.token, { documents: await licenceDocuments(citizen.token) });
    expect(application).toBeTruthy();
    const sent = await submitOk(citizen.token, { kind: 'COMPLAINT', departmentId: dept('BIZ') });
    await reply('officer.biz@demo.gov', sent.id);

    const after = await biz();
    const last = (w: Week[]) => w.at(-1)!;
    // At least ours (other test files write to BIZ at the same time); past weeks' submissions never change.
    expect(last(after.applicationWeeks).submitted).toBeGreaterThanOrEqual(last(before.applicationWeeks).submitted! + 1);
    expect(last(after.feedbackWeeks).received).toBeGreaterThanOrEqual(last(before.feedbackWeeks).received! + 1);
    expect(last(after.feedbackWeeks).answered).toBeGreaterThanOrEqual(last(before.feedbackWeeks).answered! + 1);
    expect(after.applicationWeeks.slice(0, 3).map((w) => w.submitted)).toEqual(before.applicationWeeks.slice(0, 3).map((w) => w.submitted));
  });

  it('asks each subgraph once for all departments, in a statement or two, whatever their number', async () => {
    const r = await gql(COMPARE, period(), { token: await tokenFor('analyst@demo.gov'), traced: true });
    expect(r.data.departments.length).toBeGreaterThan(3);
    const cost = await costOf(r);
    expect(cost.applications.fetches).toBe(1);
    expect(cost.feedback.fetches).toBe(1);
    // Figures, weeks and calendars (and their entered days): one statement each, for every department together.
    expect(cost.applications.sqlStatements).toBeLessThanOrEqual(4);
    expect(cost.feedback.sqlStatements).toBeLessThanOrEqual(2);
  });

  it('is for analysts and admins; checks its period and time zone', async () => {
    expect(codes(await gql(COMPARE, period(), { token: await tokenFor('officer.biz@demo.gov') }))).toContain('FORBIDDEN');
    expect(codes(await gql(COMPARE, period()))).toContain('UNAUTHENTICATED');
    const analyst = await tokenFor('analyst@demo.gov');
    expect(codes(await gql(COMPARE, { ...period(), timeZone: 'Mars/Olympus' }, { token: analyst }))).toContain('BAD_USER_INPUT');
    const { from } = period();
    expect(codes(await gql(COMPARE, { from, to: new Date(Date.parse(from) + 60 * 7 * DAY).toISOString(), timeZone: ZONE }, { token: analyst }))).toContain('BAD_USER_INPUT');
  });
});
