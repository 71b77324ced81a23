import type { Kysely } from 'kysely';

/**
 * The working calendar a due date was counted on, for people (`CN public holidays, Asia/Shanghai,
 * 2 entered days`): the department's, asked of the applications subgraph at submission. Null for
 * items received before feedback counted calendars (Monday to Friday, UTC).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback').addColumn('due_calendar', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback').dropColumn('due_calendar').execute();
}
