import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A subgraph's own audit log (subgraphs/kit/audit.ts), in its own schema: each subgraph appends
 * this to its migrations as a new one (`'0003_audit_log': auditLogMigration('publications')`).
 *
 * Frozen: every subgraph has run it. A change to the table is a new migration beside this one,
 * never an edit here.
 *
 * Append-only, enforced by the database: no delete, and the one update allowed is the relay's
 * mark that an entry reached the merged log (`relayed_at`, once). `seq` orders the outbox for the
 * relay; `entry_id` is what makes an entry unique per mutation field executed (the kit writes a
 * refused mutation's entry with `on conflict do nothing`).
 */
export function auditLogMigration(schema: string): Migration {
  const fn = sql.id(schema, 'audit_log_append_only');
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigserial', (c) => c.primaryKey())
        .addColumn('entry_id', 'uuid', (c) => c.notNull().unique())
        .addColumn('at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('actor_id', 'uuid', (c) => c.notNull())
        .addColumn('actor_roles', sql`text[]`, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('relayed_at', sql`timestamptz(3)`)
        .execute();
      // The relay reads only what it has not relayed yet; relayed entries leave this index.
      await db.schema.createIndex('audit_log_unrelayed_idx').on('audit_log').column('seq').where(sql.ref('relayed_at'), 'is', null).execute();
      await sql`
        create function ${fn}() returns trigger language plpgsql as $$
        begin
          if tg_op = 'UPDATE' and old.relayed_at is null and new.relayed_at is not null
             and (new.seq, new.entry_id, new.at, new.actor_id, new.actor_roles, new.action, new.target, new.outcome, new.error_code, new.request_id)
                 is not distinct from
                 (old.seq, old.entry_id, old.at, old.actor_id, old.actor_roles, old.action, old.target, old.outcome, old.error_code, old.request_id)
          then
            return new;
          end if;
          raise exception 'the audit log is append-only';
        end $$
      `.execute(db);
      await sql`
        create trigger audit_log_append_only before update or delete on ${sql.id(schema, 'audit_log')}
        for each row execute function ${fn}()
      `.execute(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('audit_log').execute();
      await sql`drop function ${fn}()`.execute(db);
    },
  };
}
