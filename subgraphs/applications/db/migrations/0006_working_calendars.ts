import { sql, type Kysely } from 'kysely';

/**
 * Each department's working calendar (kit/working-calendar.ts): its jurisdiction (public holidays)
 * and time zone, the days admins entered (holidays, make-up working days), and on every
 * application the calendar its due date was counted in. A department without a row counts
 * Monday to Friday in UTC, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('department_calendars')
    .addColumn('department_id', 'uuid', (c) => c.primaryKey())
    .addColumn('jurisdiction', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('HOLIDAY', 'WORKDAY')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_days_pkey', ['department_id', 'day'])
    .execute();
  // { jurisdiction, timeZone, description }; null for applications due before calendars existed.
  await db.schema.alterTable('applications').addColumn('due_calendar', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('due_calendar').execute();
  await db.schema.dropTable('calendar_days').execute();
  await db.schema.dropTable('department_calendars').execute();
}
