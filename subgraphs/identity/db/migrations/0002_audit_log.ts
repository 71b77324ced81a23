import { sql, type Kysely } from 'kysely';

/** The platform's audit log of staff actions; append-only, enforced by the database itself. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid', (c) => c.notNull())
    .addColumn('actor_roles', sql`text[]`, (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at desc', 'id desc']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'at desc']).execute();
  // Append-only: no update or delete, whoever asks.
  await sql`
    create function ${sql.id('identity', 'audit_log_append_only')}() returns trigger language plpgsql as $$
    begin raise exception 'the audit log is append-only'; end $$
  `.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on ${sql.id('identity', 'audit_log')}
    for each row execute function ${sql.id('identity', 'audit_log_append_only')}()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  await sql`drop function ${sql.id('identity', 'audit_log_append_only')}()`.execute(db);
}
