import { sql, type SqlBool } from 'kysely';
import { keysetAfter } from '../../kit/paging';
import type { Db, PublicationRow } from './tables';

/**
 * Full-text search over public publications. `websearch_to_tsquery` reads what people type
 * (`"exact phrase"`, `-excluded`, `or`) and never raises on malformed input, unlike `to_tsquery`;
 * the weighted `search` column (title A, summary B, body C) has a GIN index.
 */
const query = (text: string) => sql`websearch_to_tsquery('english'::regconfig, ${text})`;

/** Rank rounded to a numeric, so it survives the trip through a cursor exactly. */
export type SearchKey = [rank: string, publishedAt: string, id: string];
export type SearchRow = PublicationRow & { rank: string };
export const searchKey = (r: SearchRow): SearchKey => [r.rank, r.published_at!.toISOString(), r.id];

const matches = (text: string) => [
  sql<SqlBool>`status in ('PUBLISHED', 'SCHEDULED')`,
  sql<SqlBool>`published_at <= now()`,
  sql<SqlBool>`search @@ ${query(text)}`,
];

export function searchPublic(db: Db, text: string, limit: number, after: SearchKey | null): Promise<SearchRow[]> {
  const ranked = db
    .selectFrom('publications')
    .select([
      'id', 'slug', 'kind', 'status', 'title', 'summary', 'body', 'topics', 'department_id', 'author_id',
      'published_at', 'created_at', 'updated_at',
      sql<boolean>`true`.as('is_public'),
      sql<string>`round(ts_rank(search, ${query(text)})::numeric, 6)`.as('rank'),
    ])
    .where((eb) => eb.and(matches(text)));
  return db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where((eb) =>
      eb.and(after ? [keysetAfter(['rank', 'published_at', 'id'], [after[0], new Date(after[1]), after[2]], 'desc')] : []),
    )
    .orderBy('rank', 'desc')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as unknown as Promise<SearchRow[]>;
}

export async function countSearch(db: Db, text: string): Promise<number> {
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(matches(text)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
