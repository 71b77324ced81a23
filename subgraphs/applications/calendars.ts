import { DEFAULT_CALENDAR, WorkingCalendar } from '../kit/working-calendar';
import { findCalendars } from './db/calendars.repository';
import type { Db, DueCalendar } from './db/tables';

/** Each department's working calendar, for many departments at once (a DataLoader's batch). */
export async function calendarsOf(db: Db, departmentIds: readonly string[]): Promise<WorkingCalendar[]> {
  const { settings, days } = await findCalendars(db, departmentIds);
  return departmentIds.map((id) => {
    const s = settings.find((r) => r.department_id === id);
    const entered = days.filter((d) => d.department_id === id);
    if (!s && entered.length === 0) return DEFAULT_CALENDAR;
    return new WorkingCalendar(s?.jurisdiction ?? null, s?.time_zone ?? 'UTC', entered);
  });
}

/** What a due date records of the calendar it was counted in. */
export const dueCalendar = (c: WorkingCalendar): DueCalendar => ({ jurisdiction: c.jurisdiction, timeZone: c.timeZone, description: c.describe() });

/** Applications due before calendars existed were counted Monday to Friday in UTC. */
export const FORMER_CALENDAR: DueCalendar = dueCalendar(DEFAULT_CALENDAR);
