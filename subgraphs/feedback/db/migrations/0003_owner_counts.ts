import { sql, type Kysely } from 'kysely';

/**
 * The totals of the lists that hang off another entity (lists.repository.ts): a user's feedback,
 * and a publication's public opinions, kept by a trigger in the transaction of every write, so a
 * `totalCount` reads one counter row per owner instead of counting the owner's whole list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('owner_counts')
    .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('submitter_id', 'publication_id')`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull().check(sql`n >= 0`))
    .addPrimaryKeyConstraint('owner_counts_pkey', ['owner', 'owner_id'])
    .execute();
  const counts = sql.id('feedback', 'owner_counts');
  const fn = sql.id('feedback', 'count_owners');
  // What each list shows (lists.repository.ts, ownerFilter): every item of a submitter; a publication's public opinions.
  await sql`
    create function ${fn}() returns trigger language plpgsql as $fn$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update ${counts} set n = n - 1 where owner = 'submitter_id' and owner_id = old.submitter_id;
        if old.publication_id is not null and old.is_public and old.kind = 'OPINION' then
          update ${counts} set n = n - 1 where owner = 'publication_id' and owner_id = old.publication_id;
        end if;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into ${counts} values ('submitter_id', new.submitter_id, 1) on conflict (owner, owner_id) do update set n = ${counts}.n + 1;
        if new.publication_id is not null and new.is_public and new.kind = 'OPINION' then
          insert into ${counts} values ('publication_id', new.publication_id, 1) on conflict (owner, owner_id) do update set n = ${counts}.n + 1;
        end if;
      end if;
      return null;
    end
    $fn$`.execute(db);
  await sql`
    create trigger feedback_count_owners
    after insert or delete or update of submitter_id, publication_id, is_public, kind on ${sql.id('feedback', 'feedback')}
    for each row execute function ${fn}()`.execute(db);
  await sql`
    insert into ${counts}
    select 'submitter_id', submitter_id, count(*) from ${sql.id('feedback', 'feedback')} group by submitter_id
    union all
    select 'publication_id', publication_id, count(*) from ${sql.id('feedback', 'feedback')}
    where publication_id is not null and is_public and kind = 'OPINION' group by publication_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger feedback_count_owners on ${sql.id('feedback', 'feedback')}`.execute(db);
  await sql`drop function ${sql.id('feedback', 'count_owners')}()`.execute(db);
  await db.schema.dropTable('owner_counts').execute();
}
