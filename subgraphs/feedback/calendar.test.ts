import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../kit/working-calendar';
import { gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { dept, submitOk } from './test-helpers';

/**
 * Feedback's due dates count the department's working calendar, as applications' do: its
 * jurisdiction's holidays, time zone and entered days. The Civil Registry's: no other test
 * counts its feedback's due dates; its calendar is put back afterwards.
 */
const CIVIL = dept('CIVIL');
const admin = () => tokenFor('admin@demo.gov');
/** The next Shanghai day after now that falls on `weekday` (0 Sunday … 6 Saturday). */
function next(weekday: number): string {
  let t = new Date(Date.now() + 8 * 3600_000 + 86_400_000);
  while (t.getUTCDay() !== weekday) t = new Date(t.getTime() + 86_400_000);
  return t.toISOString().slice(0, 10);
}
const entered = [
  { day: next(6), kind: 'WORKDAY' as const, name: 'Make-up working day' },
  { day: next(2), kind: 'HOLIDAY' as const, name: 'Registry closed' },
  { day: next(3), kind: 'HOLIDAY' as const, name: 'Bridge day' },
];

afterAll(async () => {
  const token = await admin();
  await gql(operation('analyst/SetWorkingCalendar'), { input: { departmentId: CIVIL, jurisdiction: null, timeZone: 'UTC' } }, { token });
  for (const d of entered) await gql(operation('analyst/RemoveCalendarDay'), { departmentId: CIVIL, day: d.day }, { token });
});

describe('feedback due dates on the working calendar', () => {
  it('counts the department’s holidays, make-up days and time zone, and says which calendar it used', async () => {
    const token = await admin();
    const set = await gql(operation('analyst/SetWorkingCalendar'), { input: { departmentId: CIVIL, jurisdiction: 'CN', timeZone: 'Asia/Shanghai' } }, { token });
    expect(set.data.setWorkingCalendar.userErrors).toEqual([]);
    for (const d of entered) {
      const r = await gql(operation('analyst/SetCalendarDay'), { input: { departmentId: CIVIL, ...d } }, { token });
      expect(r.data.setCalendarDay.userErrors).toEqual([]);
    }
    const citizen = await newCitizen('fb-calendar');
    const sent = await submitOk(citizen.token, { kind: 'COMPLAINT', departmentId: CIVIL });
    // A worked Saturday and two days off within the ten: a day later than Monday to Friday would give.
    const calendar = new WorkingCalendar('CN', 'Asia/Shanghai', entered);
    // Ten working days for a complaint (time-limits.ts).
    expect(sent.dueAt).toBe(calendar.addWorkingDays(new Date(sent.submittedAt), 10).toISOString());
    expect(sent.dueAt).not.toBe(DEFAULT_CALENDAR.addWorkingDays(new Date(sent.submittedAt), 10).toISOString());
    const read = await gql('query($id: ID!) { feedback(id: $id) { dueCalendar } }', { id: sent.id }, { token: citizen.token });
    expect(read.data.feedback.dueCalendar).toBe('CN public holidays, Asia/Shanghai, 3 entered days');
  });
});
