import { sql, type Kysely } from 'kysely';

/**
 * A department's figures over a period (`feedbackStats(from, to)`) read its range of
 * (department_id, submitted_at) and, per item, its kind, first answer and rating. Included in the
 * index, the read is index-only, one range per department; it replaces the plain index of the
 * same name, so a submission maintains no more indexes than before. Measured on the bench data
 * (300,000 items, 50 departments, 30 days): a parallel scan of the table, 296 ms, before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index ${sql.id('feedback', 'feedback_stats')}`.execute(db);
  await sql`create index feedback_stats on ${sql.id('feedback', 'feedback')} (department_id, submitted_at)
    include (kind, first_answered_at, satisfaction)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ${sql.id('feedback', 'feedback_stats')}`.execute(db);
  await sql`create index feedback_stats on ${sql.id('feedback', 'feedback')} (department_id, submitted_at)`.execute(db);
}
