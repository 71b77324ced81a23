import { sql, type Kysely } from 'kysely';

/**
 * The schema registry: every version of every subgraph (routing URL and SDL, who, when), and every
 * supergraph composed from them. A supergraph row lists the subgraph versions it was composed
 * from, so "the current state" is simply the latest supergraph's members, and a rollback is a new
 * supergraph that points at an older subgraph version: history is never rewritten.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subgraph_versions')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('routing_url', 'text', (c) => c.notNull())
    .addColumn('sdl', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('subgraph_versions_pk', ['name', 'version'])
    .execute();
  await db.schema
    .createTable('supergraphs')
    .addColumn('version', 'serial', (c) => c.primaryKey())
    .addColumn('sdl', 'text', (c) => c.notNull())
    // { "<subgraph name>": <subgraph version> } this supergraph was composed from.
    .addColumn('members', 'jsonb', (c) => c.notNull())
    // register (platform start), publish, rollback
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supergraphs').execute();
  await db.schema.dropTable('subgraph_versions').execute();
}
