import { sql, type Kysely } from 'kysely';

/**
 * How many items each department has listed (PUBLISHED or SCHEDULED) per kind, kept by a trigger in
 * the transaction of every write, so a department's `totalCount` reads a few counter rows instead of
 * counting its whole list. Public is listed and `published_at <= now()`; the listed items still in
 * the future (scheduled ones, few) are counted apart at read time from the keyset index's range.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listed_counts')
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('listed', 'integer', (c) => c.notNull().check(sql`listed >= 0`))
    .addPrimaryKeyConstraint('listed_counts_pkey', ['department_id', 'kind'])
    .execute();
  const counts = sql.id('publications', 'listed_counts');
  const fn = sql.id('publications', 'count_listed');
  await sql`
    create function ${fn}() returns trigger language plpgsql as $fn$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.status in ('PUBLISHED', 'SCHEDULED') then
        update ${counts} set listed = listed - 1 where department_id = old.department_id and kind = old.kind;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status in ('PUBLISHED', 'SCHEDULED') then
        insert into ${counts} (department_id, kind, listed) values (new.department_id, new.kind, 1)
        on conflict (department_id, kind) do update set listed = ${counts}.listed + 1;
      end if;
      return null;
    end
    $fn$`.execute(db);
  await sql`
    create trigger publications_count_listed
    after insert or delete or update of status, department_id, kind on ${sql.id('publications', 'publications')}
    for each row execute function ${fn}()`.execute(db);
  await sql`
    insert into ${counts} (department_id, kind, listed)
    select department_id, kind, count(*) from ${sql.id('publications', 'publications')}
    where status in ('PUBLISHED', 'SCHEDULED') group by department_id, kind`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger publications_count_listed on ${sql.id('publications', 'publications')}`.execute(db);
  await sql`drop function ${sql.id('publications', 'count_listed')}()`.execute(db);
  await db.schema.dropTable('listed_counts').execute();
}
