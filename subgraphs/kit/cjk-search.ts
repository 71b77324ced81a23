import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';

/**
 * Full-text search that reads Chinese as well as English, on PostgreSQL and PGlite alike.
 *
 * Chinese is written without spaces, so PostgreSQL's parser takes a whole run of Han characters
 * (`出生登记窗口周六开放`) for one word: only the exact run would ever match. We index overlapping
 * character bigrams instead (`出生 生登 登记 记窗 …`), the classic CJK technique (Lucene's
 * CJKBigramFilter, Elasticsearch's `cjk` analyzer): most Chinese words are two characters, and
 * a longer word is found as the phrase of its bigrams. Single characters are indexed too, after
 * the bigrams (so the bigrams stay adjacent for phrases), for one-character queries (`税`).
 *
 * Why not the alternatives: pg_trgm needs three characters to use its index (a two-character
 * query falls back to a scan) and treats non-ASCII as word characters only under some locales;
 * zhparser/pg_jieba are C extensions PGlite cannot load and Debian's PostgreSQL does not ship;
 * segmenting in Node (jieba ports) would need the same dictionary at write and at query time and
 * could not feed a generated column. Bigrams need nothing but SQL, so one migration gives both
 * databases the same behaviour, and the English configuration still stems the Latin words
 * around them (mixed text like `出生登记 online` works).
 *
 * The document side runs in SQL (`cjk_grams`, created in each subgraph's own schema, so generated
 * columns can use it); the query side is `cjkQuery` below, in TypeScript, because it must respect
 * what the person typed (quotes, `-`, `or`) and websearch_to_tsquery then reads the result.
 */

/** Han (with extension A and compatibility ideographs), kana and Hangul: scripts written without spaces. */
const CJK_CLASS = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3040-\\u30ff\\uac00-\\ud7af';
/** CJK and general punctuation, full-width symbols: separators, never part of a word. */
const PUNCT_CLASS = '\\u2010-\\u206f\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65\\u00b7';

const CJK_RUN = new RegExp(`[${CJK_CLASS}]+`, 'gu');
const PUNCT = new RegExp(`[${PUNCT_CLASS}]`, 'gu');
const HAS_CJK = new RegExp(`[${CJK_CLASS}]`, 'u');

/** True when the text has characters of a script written without spaces. */
export const hasCjk = (text: string) => HAS_CJK.test(text);

/** The bigrams of one run (its only character when it has one). */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/**
 * What a person typed, rewritten for `websearch_to_tsquery`: each CJK run becomes its bigrams, as
 * a quoted phrase when it has several (so `出生登记` finds the word, not four characters anywhere).
 * Inside quotes the person opened, the bigrams just join their phrase. An exclusion stays one:
 * `-出生登记` becomes `-"出生 生登 登记"`.
 */
export function cjkQuery(text: string): string {
  const clean = text.replace(/\u0000/g, ' ').slice(0, 1000).replace(PUNCT, ' ');
  let out = '';
  let quoted = false;
  let last = 0;
  for (const m of clean.matchAll(CJK_RUN)) {
    const before = clean.slice(last, m.index);
    for (const ch of before) if (ch === '"') quoted = !quoted;
    out += before;
    const grams = bigrams(m[0]);
    const spaced = grams.join(' ');
    out += quoted || grams.length === 1 ? ` ${spaced} ` : `"${spaced}" `;
    last = m.index + m[0].length;
  }
  return out + clean.slice(last);
}

/** The tsquery of what a person typed: English stemming for Latin words, bigrams for CJK. */
export const searchTsQuery = (text: string): RawBuilder<unknown> =>
  sql`websearch_to_tsquery('english'::regconfig, ${cjkQuery(text)})`;

/**
 * `<schema>.cjk_grams(text)`: the text with each CJK run replaced by its bigrams, then its
 * characters, and CJK punctuation by spaces; Latin text is left as it is. Immutable, so a
 * generated column or an index may use it. Documents are indexed as
 * `to_tsvector('english', <schema>.cjk_grams(text))`.
 */
export function cjkGramsFunction(schema: string): Migration {
  const fn = sql.id(schema, 'cjk_grams');
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql`
        create or replace function ${fn}(doc text) returns text
        language sql immutable strict parallel safe as $fn$
          select coalesce(string_agg(
            case when seg[1] is null then seg[2]
            else ' ' || (
              select string_agg(g, ' ' order by o)
              from (
                select i as o, substr(seg[1], i, 2) as g from generate_series(1, length(seg[1]) - 1) i
                union all
                select length(seg[1]) + i, substr(seg[1], i, 1) from generate_series(1, length(seg[1])) i
              ) grams
            ) || ' '
            end, '' order by n), '')
          from regexp_matches(
            regexp_replace(doc, ${sql.lit(`[${PUNCT_CLASS}]+`)}, ' ', 'g'),
            ${sql.lit(`([${CJK_CLASS}]+)|([^${CJK_CLASS}]+)`)}, 'g'
          ) with ordinality as m(seg, n)
        $fn$`.execute(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await sql`drop function ${fn}(text)`.execute(db);
    },
  };
}

/** `to_tsvector('english', <schema>.cjk_grams(text))`, the document side of `searchTsQuery`. */
export const cjkTsVector = (schema: string, text: RawBuilder<unknown> | ReturnType<typeof sql.ref>) =>
  sql`to_tsvector('english'::regconfig, ${sql.id(schema, 'cjk_grams')}(${text}))`;
