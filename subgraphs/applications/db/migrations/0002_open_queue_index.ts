import { sql, type Kysely } from 'kysely';

/**
 * The officer queue lists and counts a department's open applications. At scale (20,000
 * applications per department, most of them closed) the (department_id, due_at, id) index found
 * them by reading every application's heap row for its status: 2.2 s for the queue's totalCount
 * (EXPLAIN in BENCHMARKS.md). A partial index over open applications only, with the status
 * included, answers the count as an index-only scan and the page without skipping closed rows.
 * The schema is named as in identity's 0002 (raw SQL is not qualified by withSchema). The statuses are OPEN of state-machine.ts as of this migration (frozen here on purpose).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists applications_open_queue on ${sql.id('applications', 'applications')} (department_id, due_at, id) include (status)
    where status in ('SUBMITTED', 'ACCEPTED', 'SUPPLEMENT_REQUESTED', 'APPROVED')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ${sql.id('applications', 'applications_open_queue')}`.execute(db);
}
