import { sql, type Kysely } from 'kysely';

/**
 * Department credentials: each lets one department manage one subgraph name. Only the SHA-256 of
 * the credential is stored (it is a 256-bit random token, so a fast hash is enough and can be
 * looked up by index). A revoked row stays, with who revoked it and when: the registry's history
 * names credentials by id, and that id must keep pointing at who issued it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('subgraph', 'text', (c) => c.notNull())
    // hex of SHA-256(credential)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_at', sql`timestamptz(3)`)
    .execute();
  await db.schema.createIndex('credentials_subgraph').on('credentials').column('subgraph').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credentials').execute();
}
