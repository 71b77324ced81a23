import { sql, type Kysely } from 'kysely';

/** Routes and their service notices, in the transport subgraph's own schema. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('routes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('BUS', 'TRAM', 'RAIL', 'FERRY')`))
    .addColumn('headway_minutes', 'integer')
    // A department of the identity subgraph: referred to by id, never joined.
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('routes_department_idx').on('routes').columns(['department_id', 'code']).execute();
  await db.schema
    .createTable('notices')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('route_id', 'uuid', (c) => c.notNull().references('routes.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('INFO', 'DISRUPTION', 'SUSPENDED')`))
    .addColumn('starts_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('ends_at', sql`timestamptz(3)`)
    .execute();
  await db.schema.createIndex('notices_route_idx').on('notices').columns(['route_id', 'starts_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notices').execute();
  await db.schema.dropTable('routes').execute();
}
