import { sql, type Kysely } from 'kysely';

/**
 * The title's own search vector, indexed, so search can answer title matches (the best ones)
 * from the few rows whose title has the words instead of ranking every row that mentions them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('publications')
    .addColumn('title_search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, title)`).stored())
    .execute();
  await db.schema.createIndex('publications_title_search').on('publications').using('gin').column('title_search').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publications').dropColumn('title_search').execute();
}
