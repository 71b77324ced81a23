import { sql, type Kysely } from 'kysely';
import { textSearchFunctions } from '../../../kit/translations-migration';

/**
 * Content in two languages, and search that reads Chinese (subgraphs/kit/cjk-search.ts).
 *
 * `language` is the language the text columns are written in; `translations` holds the other
 * one (`{"zh": {"title", "summary", "body"}}`), absent while untranslated. The search vectors are
 * rebuilt over both, through `cjk_grams`, so Chinese is indexed as bigrams beside stemmed English.
 */
const functions = textSearchFunctions('publications');
const doc = (field: string) =>
  sql`to_tsvector('english'::regconfig, publications.cjk_grams(${sql.ref(field)} || ' ' || publications.translated(translations, ${sql.lit(field)})))`;

export async function up(db: Kysely<any>): Promise<void> {
  await functions.up(db);
  await db.schema
    .alterTable('publications')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en').check(sql`language in ('en', 'zh')`))
    .addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(translations) = 'object'`))
    .execute();
  await db.schema.alterTable('publication_attachments').addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();

  await db.schema.dropIndex('publications_search').execute();
  await db.schema.dropIndex('publications_title_search').execute();
  await db.schema.alterTable('publications').dropColumn('search').dropColumn('title_search').execute();
  await db.schema
    .alterTable('publications')
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`setweight(${doc('title')}, 'A') || setweight(${doc('summary')}, 'B') || setweight(${doc('body')}, 'C')`).stored(),
    )
    .addColumn('title_search', sql`tsvector`, (c) => c.generatedAlwaysAs(doc('title')).stored())
    .execute();
  await db.schema.createIndex('publications_search').on('publications').using('gin').column('search').execute();
  await db.schema.createIndex('publications_title_search').on('publications').using('gin').column('title_search').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publications').dropColumn('search').dropColumn('title_search').dropColumn('language').dropColumn('translations').execute();
  await db.schema.alterTable('publication_attachments').dropColumn('translations').execute();
  await functions.down!(db);
}
