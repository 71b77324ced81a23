import { sql, type Kysely } from 'kysely';
import { textSearchFunctions } from '../../../kit/translations-migration';

/**
 * Content in two languages, and search that reads Chinese (subgraphs/kit/cjk-search.ts).
 *
 * `language` is the language a procedure's text columns are written in, and of its parts'; each
 * `translations` holds the other language's text of the same fields (`{"zh": {"title": "…"}}`),
 * absent while untranslated. `title_search` is the title's own vector in both languages, so title
 * matches can be ranked first from their own index. The search document (written by the
 * repository) is rebuilt here over both languages.
 */
const functions = textSearchFunctions('procedures');
const PARTS = ['procedure_steps', 'procedure_documents', 'procedure_fees', 'procedure_faqs', 'procedure_forms'];

export async function up(db: Kysely<any>): Promise<void> {
  await functions.up(db);
  await db.schema
    .alterTable('procedures')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en').check(sql`language in ('en', 'zh')`))
    .addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(translations) = 'object'`))
    .execute();
  await db.schema
    .alterTable('procedures')
    .addColumn('title_search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, procedures.cjk_grams(title || ' ' || procedures.translated(translations, 'title')))`).stored(),
    )
    .execute();
  await db.schema.createIndex('procedures_title_search_idx').on('procedures').using('gin').column('title_search').execute();
  for (const t of PARTS) {
    await db.schema
      .alterTable(t)
      .addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(translations) = 'object'`))
      .execute();
  }
  // Existing documents: the repository's formula (refreshDerived) as of this migration.
  await sql`
    update procedures.procedures p set search =
      setweight(to_tsvector('english', procedures.cjk_grams(p.title || ' ' || procedures.translated(p.translations, 'title'))), 'A')
      || setweight(to_tsvector('english', procedures.cjk_grams(p.summary || ' ' || p.category || ' '
           || procedures.translated(p.translations, 'summary') || ' ' || procedures.translated(p.translations, 'category'))), 'B')
      || setweight(to_tsvector('english', procedures.cjk_grams(coalesce((
           select string_agg(s.title || ' ' || s.description || ' ' || procedures.translated(s.translations, 'title')
             || ' ' || procedures.translated(s.translations, 'description'), ' ')
           from procedures.procedure_steps s where s.procedure_id = p.id), ''))), 'C')
      || setweight(to_tsvector('english', procedures.cjk_grams(coalesce((
           select string_agg(f.question || ' ' || f.answer || ' ' || procedures.translated(f.translations, 'question')
             || ' ' || procedures.translated(f.translations, 'answer'), ' ')
           from procedures.procedure_faqs f where f.procedure_id = p.id), ''))), 'D')
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of PARTS) await db.schema.alterTable(t).dropColumn('translations').execute();
  await db.schema.alterTable('procedures').dropColumn('title_search').dropColumn('language').dropColumn('translations').execute();
  await functions.down!(db);
}
