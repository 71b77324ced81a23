import { sql, type Kysely } from 'kysely';

/**
 * Citizens' supporting documents, attached to an application when it is submitted or supplemented.
 * The bytes live in the platform's file store (private files); this table says which application
 * each belongs to, which required document it satisfies, and when retention removed it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supporting_documents')
    // One file belongs to one application, once: attaching it again elsewhere fails on this key.
    .addColumn('file_id', 'uuid', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    // Position in the procedure's requiredDocuments when attached (null: an extra document), and its name then.
    .addColumn('requirement_index', 'integer')
    .addColumn('requirement', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull())
    .addColumn('attached_at', sql`timestamptz(3)`, (c) => c.notNull())
    // Its place among the documents sent together, so they list in the order the citizen gave them.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('APPLICATION', 'SUPPLEMENT')`))
    .addColumn('purged_at', sql`timestamptz(3)`)
    .execute();
  // An application's documents in the order they came (the loader reads many applications at once).
  await db.schema
    .createIndex('supporting_documents_application')
    .on('supporting_documents')
    .columns(['application_id', 'attached_at', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supporting_documents').execute();
}
