import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/**
 * The first page of a list for each of several parents, in one statement whose cost grows with
 * parents × page size, never with the table:
 *
 *   select t.*, parent.id from unnest($ids) with ordinality parent(id, n)
 *   cross join lateral (<one parent's page: where owner = parent.id … order by … limit n>) t
 *
 * Each parent's page is one walk of the owner's keyset index that stops after `limit` rows. A window
 * over all parents' rows (row_number() over (partition by owner …)) ranks every matching row of
 * every parent before keeping a page of each, so it reads the whole of each parent's list.
 */
export interface PerParent<R> {
  /** Parent ids (uuids; anything else must be filtered out before). */
  ids: readonly string[];
  /** One parent's page: filtered on `parentId`, ordered, limited. */
  page: (parentId: RawBuilder<string>) => SelectQueryBuilder<any, any, R>;
  /** The page's order, repeated outside (a lateral join keeps no order of its own). */
  order: readonly [column: string, direction: 'asc' | 'desc'][];
}

export async function firstPerParent<R>(db: Kysely<any>, { ids, page, order }: PerParent<R>): Promise<(R & { parent_id: string })[]> {
  if (ids.length === 0) return [];
  const byPage = order.map(([column, direction]) => sql`t.${sql.ref(column)} ${sql.raw(direction)}`);
  const { rows } = await sql<R & { parent_id: string }>`
    select t.*, parent.id as parent_id
    from unnest(${[...ids]}::uuid[]) with ordinality as parent(id, n)
    cross join lateral (${page(sql<string>`parent.id`)}) as t
    order by parent.n, ${sql.join(byPage)}`.execute(db);
  return rows;
}
