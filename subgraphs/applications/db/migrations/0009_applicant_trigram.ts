import { sql, type Kysely } from 'kysely';

/**
 * The officers' queue searches applicants by any part of their name or email as the form gives
 * them (`lower(…) like '%term%'`, applications.repository.ts). Without an index that reads every
 * application of the department in the chosen statuses; trigram GIN indexes answer it from the
 * few matching rows (pg_trgm: trusted since PostgreSQL 13, so a database owner may create it;
 * PGlite loads it in kit/embedded-postgres.ts). Measured on PostgreSQL with 100,000 applications,
 * 20,000 in the department: a rare name 28.7 ms → 0.25 ms (open statuses), 72 ms → 5.5 ms (all).
 * Terms under three characters (a two-character Chinese name) cannot use a trigram index and are
 * filtered within the department's queue as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  const table = sql.id('applications', 'applications');
  await sql`create index applications_applicant_name_trgm on ${table} using gin (lower(form_data->'applicant'->>'fullName') gin_trgm_ops)`.execute(db);
  await sql`create index applications_applicant_email_trgm on ${table} using gin (lower(form_data->'applicant'->>'email') gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ${sql.id('applications', 'applications_applicant_email_trgm')}`.execute(db);
  await sql`drop index ${sql.id('applications', 'applications_applicant_name_trgm')}`.execute(db);
}
