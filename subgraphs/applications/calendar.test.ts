import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { departmentId } from '../kit/demo';
import { DEMO_CATALOGUE } from '../kit/demo-catalogue';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../kit/working-calendar';
import { gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { sampleFormData } from './sample-form-data';

// The transport department: no other test counts its applications' due dates.
const RENEWAL = DEMO_CATALOGUE.find((p) => p.code === 'TRANSPORT-LICENCE-RENEWAL')!;
const TRANSPORT = departmentId('TRANSPORT');
const admin = () => tokenFor('admin@demo.gov');
const day = (d: Date) => d.toISOString().slice(0, 10);
/** The next local (Shanghai) day after now that falls on `weekday` (0 Sunday … 6 Saturday). */
function next(weekday: number, after = new Date()): string {
  let t = new Date(after.getTime() + 8 * 3600_000 + 86_400_000);
  while (t.getUTCDay() !== weekday) t = new Date(t.getTime() + 86_400_000);
  return day(t);
}

afterAll(async () => {
  // Back to the platform's default for the rest of the run.
  const token = await admin();
  await gql(operation('analyst/SetWorkingCalendar'), { input: { departmentId: TRANSPORT, jurisdiction: null, timeZone: 'UTC' } }, { token });
  const cal = await gql(operation('web/WorkingCalendar'), { code: 'TRANSPORT', year: 2026 });
  for (const d of cal.data.department.workingCalendar.enteredDays) {
    await gql(operation('analyst/RemoveCalendarDay'), { departmentId: TRANSPORT, day: d.day }, { token });
  }
});

describe('working calendars through the graph', () => {
  it('counts a department’s due dates in its jurisdiction, time zone and entered days, and says so', async () => {
    const token = await admin();
    const set = await gql(operation('analyst/SetWorkingCalendar'), { input: { departmentId: TRANSPORT, jurisdiction: 'cn', timeZone: 'Asia/Shanghai' } }, { token });
    expect(set.data.setWorkingCalendar).toEqual({ calendar: { jurisdiction: 'CN', timeZone: 'Asia/Shanghai', description: 'CN public holidays, Asia/Shanghai' }, userErrors: [] });
    const entered = [
      { day: next(6), kind: 'WORKDAY' as const, name: 'Make-up working day' },
      { day: next(2), kind: 'HOLIDAY' as const, name: 'City founding day' },
      { day: next(3), kind: 'HOLIDAY' as const, name: 'Bridge day' },
    ];
    for (const d of entered) {
      const r = await gql(operation('analyst/SetCalendarDay'), { input: { departmentId: TRANSPORT, ...d } }, { token });
      expect(r.data.setCalendarDay.userErrors).toEqual([]);
    }
    const calendar = (await gql(operation('web/WorkingCalendar'), { code: 'TRANSPORT', year: 2026 })).data.department.workingCalendar;
    expect(calendar.enteredDays).toEqual([...entered].sort((a, b) => a.day.localeCompare(b.day)));
    expect(calendar.publicHolidays).toContainEqual({ day: '2026-10-01', name: '国庆节' });

    const citizen = await newCitizen('calendar');
    const formData = sampleFormData(RENEWAL.applicationForm as never, 1, { fullName: 'Cal Endar', email: 'cal@example.org' });
    const r = await gql(operation('web/SubmitApplication'), { input: { procedureId: RENEWAL.id, formData, idempotencyKey: randomUUID() } }, { token: citizen.token });
    expect(r.data.submitApplication.userErrors).toEqual([]);
    const { application } = r.data.submitApplication;
    const expected = new WorkingCalendar('CN', 'Asia/Shanghai', entered).addWorkingDays(new Date(application.submittedAt), RENEWAL.processingTimeDays);
    expect(application.dueAt).toBe(expected.toISOString());
    // A worked Saturday and two days off: not what Monday to Friday would give.
    expect(application.dueAt).not.toBe(DEFAULT_CALENDAR.addWorkingDays(new Date(application.submittedAt), RENEWAL.processingTimeDays).toISOString());
    const file = await gql(operation('officer/CaseFile'), { id: application.id }, { token: await tokenFor('officer.transport@demo.gov') });
    expect(file.data.application.dueCalendar).toEqual({ jurisdiction: 'CN', timeZone: 'Asia/Shanghai', description: 'CN public holidays, Asia/Shanghai, 3 entered days' });
  });

  it('refuses unknown jurisdictions, time zones, days and departments as userErrors', async () => {
    const token = await admin();
    const bad = await gql(operation('analyst/SetWorkingCalendar'), { input: { departmentId: TRANSPORT, jurisdiction: 'XX', timeZone: 'Mars/Olympus' } }, { token });
    expect(bad.data.setWorkingCalendar.userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_JURISDICTION', 'UNKNOWN_TIME_ZONE']);
    const badDay = await gql(operation('analyst/SetCalendarDay'), { input: { departmentId: randomUUID(), day: '2026-02-30', kind: 'HOLIDAY', name: ' ' } }, { token });
    expect(badDay.data.setCalendarDay.userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_DEPARTMENT', 'INVALID_DAY', 'INVALID_NAME']);
    const year = await gql(operation('web/WorkingCalendar'), { code: 'TRANSPORT', year: 99999 });
    expect(year.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps the former rule for departments without a calendar: Monday to Friday, UTC', async () => {
    const cal = (await gql(operation('web/WorkingCalendar'), { code: 'BIZ', year: 2026 })).data.department.workingCalendar;
    expect(cal).toEqual({ jurisdiction: null, timeZone: 'UTC', description: 'Monday to Friday, UTC', enteredDays: [], publicHolidays: [] });
  });
});
