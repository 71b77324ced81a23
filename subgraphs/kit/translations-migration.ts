import { sql, type Kysely, type Migration } from 'kysely';
import { cjkGramsFunction } from './cjk-search';

/**
 * What a subgraph with content in two languages needs in its own schema, beside `cjk_grams`:
 * `<schema>.translated(translations, field)`, every translation's text of one field joined by
 * spaces, so a search document covers the text in each language it is written in.
 *
 * Content is stored as written: the text columns hold it in the row's `language`, and a
 * `translations` object holds the other languages (`{"zh": {"title": "…", "summary": "…"}}`); a
 * language missing from it is untranslated (see subgraphs/kit/language.ts).
 *
 * Frozen once released: a change is a new migration.
 */
export function textSearchFunctions(schema: string): Migration {
  const grams = cjkGramsFunction(schema);
  const fn = sql.id(schema, 'translated');
  return {
    async up(db: Kysely<any>): Promise<void> {
      await grams.up(db);
      await sql`
        create or replace function ${fn}(translations jsonb, field text) returns text
        language sql immutable strict parallel safe as $fn$
          select coalesce(string_agg(t.value ->> field, ' ' order by t.key), '')
          from jsonb_each(case when jsonb_typeof(translations) = 'object' then translations else '{}'::jsonb end) t
          where jsonb_typeof(t.value) = 'object'
        $fn$`.execute(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await sql`drop function ${fn}(jsonb, text)`.execute(db);
      await grams.down!(db);
    },
  };
}
