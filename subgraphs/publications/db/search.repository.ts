import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { searchTsQuery } from '../../kit/cjk-search';
import type { Db, PublicationRow } from './tables';

/**
 * Full-text search over public publications. `websearch_to_tsquery` reads what people type
 * (`"exact phrase"`, `-excluded`, `or`) and never raises on malformed input, unlike `to_tsquery`;
 * the weighted `search` column (title A, summary B, body C) has a GIN index, and so has the
 * title's own vector `title_search`.
 *
 * Relevance is two-tiered: publications whose title matches come first, ranked by `ts_rank` of
 * the title, then those that match only in their summary or body, ranked by `ts_rank` of the whole
 * weighted text; within a rank newest first. Ranking has to look at every row it orders, and a common word is in a quarter of
 * all publications (25,000 rows at scale 1): the title tier is a few hundred or thousand rows
 * found through its own index, and the second tier is ranked only when the first runs out.
 */
const query = (text: string) => searchTsQuery(text);

/** Rank rounded to a numeric, so it survives the trip through a cursor exactly. */
export type SearchKey = [tier: 0 | 1, rank: string, publishedAt: string, id: string];
export type SearchRow = PublicationRow & { tier: 0 | 1; rank: string };
export const searchKey = (r: SearchRow): SearchKey => [r.tier, r.rank, r.published_at!.toISOString(), r.id];

const isPublic = sql<SqlBool>`status in ('PUBLISHED', 'SCHEDULED') and published_at <= now()`;

/** One tier's matches after the cursor, best first, at most `limit`. */
function tier(db: Db, n: 0 | 1, text: string, limit: number | RawBuilder<number>, after: SearchKey | null) {
  const q = query(text);
  // A title that matches a query without exclusions is a whole text that matches (the weighted
  // vector is the title's followed by the rest). Only with an exclusion (`tax -property`, `!` in the
  // tsquery) must the whole text be checked too; the planner folds that test away otherwise, so
  // the title tier never touches the large vectors.
  const matched =
    n === 0
      ? sql<SqlBool>`title_search @@ ${q} and (strpos(${q}::text, '!') = 0 or search @@ ${q})`
      : sql<SqlBool>`search @@ ${q} and not (title_search @@ ${q})`;
  // Title matches rank by the title (small, stored inline); the rest by the whole weighted text.
  const vector = n === 0 ? sql.ref('title_search') : sql.ref('search');
  const from =
    after === null || after[0] < n
      ? sql<SqlBool>`true`
      : after[0] === n
        ? sql<SqlBool>`(rank, published_at, id) < (${after[1]}::numeric, ${new Date(after[2])}, ${after[3]}::uuid)`
        : sql<SqlBool>`false`;
  const ranked = db
    .selectFrom('publications')
    .select([
      'id', 'slug', 'kind', 'status', 'title', 'summary', 'body', 'language', 'translations', 'topics', 'department_id', 'author_id',
      'published_at', 'withdrawn_at', 'superseded_by', 'created_at', 'updated_at',
      sql<boolean>`true`.as('is_public'),
      sql<0 | 1>`${sql.lit(n)}::int`.as('tier'),
      sql<string>`round(ts_rank(${vector}, ${q})::numeric, 6)`.as('rank'),
    ])
    .where(isPublic)
    .where(matched);
  return db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where(from)
    .orderBy('rank', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
}

/**
 * Up to `limit` matches after the cursor, in one statement: the title tier, then as many of the
 * second tier as are still wanted. PostgreSQL does not run a subplan whose limit is 0, so when
 * titles fill the page the second tier costs nothing.
 */
export async function searchPublic(db: Db, text: string, limit: number, after: SearchKey | null): Promise<SearchRow[]> {
  const stillWanted = sql<number>`greatest(${limit} - (select count(*) from titles), 0)`;
  const rows = await db
    .with((cte) => cte('titles').materialized(), () => tier(db, 0, text, limit, after))
    .selectFrom('titles')
    .selectAll()
    .unionAll(db.selectFrom(tier(db, 1, text, stillWanted, after).as('rest')).selectAll())
    .execute();
  return (rows as unknown as SearchRow[]).sort(bySearchKey);
}

/** Tier, then rank (descending), then newest, then id (descending): the order of the cursor. */
function bySearchKey(a: SearchRow, b: SearchRow): number {
  return (
    a.tier - b.tier ||
    Number(b.rank) - Number(a.rank) ||
    b.published_at!.getTime() - a.published_at!.getTime() ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

export async function countSearch(db: Db, text: string): Promise<number> {
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(isPublic)
    .where(sql<SqlBool>`search @@ ${query(text)}`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
