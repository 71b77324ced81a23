import { sql, type Kysely } from 'kysely';

/**
 * Editorial work (issue 17):
 * - `withdrawn_at`: when an item that was public stopped being so (unpublished back to a draft, or
 *   archived); null while public and for items never public. Its public address then answers
 *   "withdrawn" (`Query.withdrawnPublication`) instead of looking like it never existed.
 * - `superseded_by`: the publication that replaces this one; readers of this one are sent there.
 * - `publication_changes.action` and `.public`: the history records every step of the workflow
 *   (created, edited, scheduled, published, unpublished, archived, superseded) for the department's
 *   staff; readers see only the public entries (changes to a live item), as before. Existing rows
 *   were all edits of live items.
 * - The editors' list: a department's items by status, most recently changed first, one keyset
 *   index per shape (all statuses; one status).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('publications')
    .addColumn('withdrawn_at', sql`timestamptz(3)`)
    .addColumn('superseded_by', 'uuid', (c) => c.references('publications.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('publication_changes')
    .addColumn('action', 'text', (c) =>
      c.notNull().defaultTo('EDITED').check(sql`action in ('CREATED', 'EDITED', 'SCHEDULED', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED', 'SUPERSEDED')`),
    )
    .addColumn('public', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createIndex('publications_editorial_keyset')
    .on('publications')
    .columns(['department_id', 'updated_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('publications_editorial_status_keyset')
    .on('publications')
    .columns(['department_id', 'status', 'updated_at desc', 'id desc'])
    .execute();
  // The (department_id, status) index of 0001 is a prefix of the new one.
  await db.schema.dropIndex('publications_department_status').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('publications_department_status').on('publications').columns(['department_id', 'status']).execute();
  await db.schema.dropIndex('publications_editorial_status_keyset').execute();
  await db.schema.dropIndex('publications_editorial_keyset').execute();
  await db.schema.alterTable('publication_changes').dropColumn('public').dropColumn('action').execute();
  await db.schema.alterTable('publications').dropColumn('superseded_by').dropColumn('withdrawn_at').execute();
}
