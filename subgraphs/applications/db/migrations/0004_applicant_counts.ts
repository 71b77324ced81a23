import { sql, type Kysely } from 'kysely';

/**
 * How many applications each person has made, kept by a trigger in the transaction of every
 * write, so `User.applications.totalCount` reads one counter row per person instead of counting
 * their whole list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applicant_counts')
    .addColumn('applicant_id', 'uuid', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull().check(sql`n >= 0`))
    .execute();
  const counts = sql.id('applications', 'applicant_counts');
  const fn = sql.id('applications', 'count_applicants');
  await sql`
    create function ${fn}() returns trigger language plpgsql as $fn$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update ${counts} set n = n - 1 where applicant_id = old.applicant_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into ${counts} values (new.applicant_id, 1) on conflict (applicant_id) do update set n = ${counts}.n + 1;
      end if;
      return null;
    end
    $fn$`.execute(db);
  await sql`
    create trigger applications_count_applicants
    after insert or delete or update of applicant_id on ${sql.id('applications', 'applications')}
    for each row execute function ${fn}()`.execute(db);
  await sql`
    insert into ${counts} select applicant_id, count(*) from ${sql.id('applications', 'applications')} group by applicant_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger applications_count_applicants on ${sql.id('applications', 'applications')}`.execute(db);
  await sql`drop function ${sql.id('applications', 'count_applicants')}()`.execute(db);
  await db.schema.dropTable('applicant_counts').execute();
}
