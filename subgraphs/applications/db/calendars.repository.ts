import { sql } from 'kysely';
import type { EnteredDay } from '../../kit/working-calendar';
import type { DepartmentCalendarTable, Db } from './tables';

/** Entered days older than this no longer decide any due date worth recounting. */
const KEEP_DAYS_BACK = 400;

/** Several departments' calendar settings and entered days: two statements for the batch. */
export async function findCalendars(
  db: Db,
  departmentIds: readonly string[],
): Promise<{ settings: DepartmentCalendarTable[]; days: (EnteredDay & { department_id: string })[] }> {
  const ids = [...departmentIds];
  const [settings, days] = await Promise.all([
    db.selectFrom('department_calendars').selectAll().where('department_id', 'in', ids).execute(),
    db
      .selectFrom('calendar_days')
      .select(['department_id', 'kind', 'name', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day')])
      .where('department_id', 'in', ids)
      .where('day', '>=', sql<string>`current_date - ${KEEP_DAYS_BACK}::int`)
      .orderBy('department_id')
      .orderBy('day')
      .execute(),
  ]);
  return { settings, days };
}

export async function upsertCalendar(db: Db, row: DepartmentCalendarTable): Promise<void> {
  await db
    .insertInto('department_calendars')
    .values(row)
    .onConflict((oc) => oc.column('department_id').doUpdateSet({ jurisdiction: row.jurisdiction, time_zone: row.time_zone }))
    .execute();
}

export async function upsertDay(db: Db, departmentId: string, d: EnteredDay): Promise<void> {
  await db
    .insertInto('calendar_days')
    .values({ department_id: departmentId, day: d.day, kind: d.kind, name: d.name })
    .onConflict((oc) => oc.columns(['department_id', 'day']).doUpdateSet({ kind: d.kind, name: d.name }))
    .execute();
}

export async function deleteDay(db: Db, departmentId: string, day: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('department_id', '=', departmentId).where('day', '=', day).execute();
}
