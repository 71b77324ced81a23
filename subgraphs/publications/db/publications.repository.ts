import { sql, type Expression, type SqlBool } from 'kysely';
import { keysetAfter } from '../../kit/paging';
import { firstPerParent } from '../../kit/per-parent';
import type { AttachmentTable, ChangeRow, Db, PublicationKind, PublicationRow } from './tables';

/**
 * Reading publications. "Public" is decided in SQL against the database clock on every read, so an
 * item scheduled for 10:00 is public from 10:00 with no job, trigger or restart.
 */
export const isPublic = sql<boolean>`(status in ('PUBLISHED', 'SCHEDULED') and published_at <= now())`;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = [
  'id', 'slug', 'kind', 'status', 'title', 'summary', 'body', 'language', 'translations', 'topics', 'department_id', 'author_id',
  'published_at', 'withdrawn_at', 'superseded_by', 'created_at', 'updated_at',
] as const;

export const publicationsWithVisibility = (db: Db) => db.selectFrom('publications').select([...COLUMNS, isPublic.as('is_public')]);

export interface PublicFilter {
  kinds?: PublicationKind[] | null;
  departmentId?: string | null;
  topic?: string | null;
  publishedFrom?: Date | null;
  publishedBefore?: Date | null;
}

/** The public items matching a filter: every list, count and search starts here. */
function publicWhere(filter: PublicFilter | null | undefined): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`status in ('PUBLISHED', 'SCHEDULED')`, sql<SqlBool>`published_at <= now()`];
  if (!filter) return where;
  if (filter.kinds?.length) where.push(sql<SqlBool>`kind in (${sql.join(filter.kinds)})`);
  if (filter.departmentId != null) {
    // A malformed id matches nothing rather than failing the cast.
    where.push(UUID.test(filter.departmentId) ? sql<SqlBool>`department_id = ${filter.departmentId}` : sql<SqlBool>`false`);
  }
  if (filter.topic != null) where.push(sql<SqlBool>`topics @> array[${normalizeTopic(filter.topic)}]::text[]`);
  if (filter.publishedFrom) where.push(sql<SqlBool>`published_at >= ${filter.publishedFrom}`);
  if (filter.publishedBefore) where.push(sql<SqlBool>`published_at < ${filter.publishedBefore}`);
  return where;
}

export const normalizeTopic = (topic: string) => topic.trim().toLowerCase();

/** Sort key of the public lists: newest first. */
export type ListKey = [publishedAt: string, id: string];
export const listKey = (r: PublicationRow): ListKey => [r.published_at!.toISOString(), r.id];

const afterKey = (after: ListKey | null): Expression<SqlBool>[] =>
  after ? [keysetAfter(['published_at', 'id'], [new Date(after[0]), after[1]], 'desc')] : [];

/** Up to `limit` public items after the cursor, newest first (one index scan). */
export function listPublic(db: Db, filter: PublicFilter | null | undefined, limit: number, after: ListKey | null): Promise<PublicationRow[]> {
  return publicationsWithVisibility(db)
    .where((eb) => eb.and([...publicWhere(filter), ...afterKey(after)]))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as Promise<PublicationRow[]>;
}

export async function countPublic(db: Db, filter: PublicFilter | null | undefined): Promise<number> {
  if (countedByKind(filter)) {
    const ids = filter?.departmentId != null ? [filter.departmentId] : null;
    return [...(await countKept(db, ids, filter)).values()].reduce((sum, n) => sum + n, 0);
  }
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(publicWhere(filter)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Totals the counters answer: by department and kind only; a topic or a date range is counted. */
const countedByKind = (filter: PublicFilter | null | undefined) => !filter?.topic && !filter?.publishedFrom && !filter?.publishedBefore;

/**
 * Public items per department from the kept counters (migration 0006): listed items, less those
 * listed for the future (scheduled, read from the keyset index's range after now: a handful).
 * `departmentIds` null: every department.
 */
async function countKept(db: Db, departmentIds: string[] | null, filter: PublicFilter | null | undefined): Promise<Map<string, number>> {
  const ids = departmentIds?.filter((id) => UUID.test(id)) ?? null;
  if (ids && ids.length === 0) return new Map();
  const kinds = filter?.kinds?.length ? filter.kinds : null;
  const [listed, future] = await Promise.all([
    db
      .selectFrom('listed_counts')
      .select(['department_id', (eb) => eb.fn.sum<number>('listed').as('n')])
      .$if(ids !== null, (q) => q.where('department_id', 'in', ids!))
      .$if(kinds !== null, (q) => q.where('kind', 'in', kinds!))
      .groupBy('department_id')
      .execute(),
    db
      .selectFrom('publications')
      .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where(sql<SqlBool>`status in ('PUBLISHED', 'SCHEDULED')`)
      .where(sql<SqlBool>`published_at > now()`)
      .$if(ids !== null, (q) => q.where('department_id', 'in', ids!))
      .$if(kinds !== null, (q) => q.where('kind', 'in', kinds!))
      .groupBy('department_id')
      .execute(),
  ]);
  const counts = new Map(listed.map((r) => [r.department_id, Number(r.n)]));
  for (const r of future) counts.set(r.department_id, (counts.get(r.department_id) ?? 0) - Number(r.n));
  return counts;
}

/** When the next scheduled item becomes public, if any is waiting. */
export async function nextScheduledAt(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.min('published_at').as('at'))
    .where('status', '=', 'SCHEDULED')
    .where(sql<SqlBool>`published_at > now()`)
    .executeTakeFirst();
  return row?.at ?? null;
}

/**
 * The first `limit` public items of each of several departments in one statement, each read from the
 * department's keyset index (kit/per-parent.ts), so `departments { publications }` costs one query
 * however many departments there are, and what a page costs whatever their lists hold.
 */
export function listPublicByDepartments(
  db: Db,
  departmentIds: string[],
  filter: PublicFilter | null | undefined,
  limit: number,
  after: ListKey | null,
): Promise<PublicationRow[]> {
  const ids = departmentIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return Promise.resolve([]);
  return firstPerParent(db, {
    ids,
    page: (department) =>
      publicationsWithVisibility(db)
        .where((eb) => eb.and([...publicWhere({ ...filter, departmentId: null }), sql<SqlBool>`department_id = ${department}`, ...afterKey(after)]))
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit),
    order: [['published_at', 'desc'], ['id', 'desc']],
  }) as unknown as Promise<PublicationRow[]>;
}

/**
 * Departments' public totals: from the kept counters when the filter is by kind only (what the
 * home page and department pages ask), counted otherwise.
 */
export async function countPublicByDepartments(
  db: Db,
  departmentIds: string[],
  filter: PublicFilter | null | undefined,
): Promise<Map<string, number>> {
  const ids = departmentIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return new Map();
  if (countedByKind(filter)) return countKept(db, ids, filter);
  const rows = await db
    .selectFrom('publications')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.and([...publicWhere({ ...filter, departmentId: null }), sql<SqlBool>`department_id in (${sql.join(ids)})`]))
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
}

export function findPublicationsByIds(db: Db, ids: readonly string[]): Promise<PublicationRow[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return Promise.resolve([]);
  return publicationsWithVisibility(db).where('id', 'in', valid).execute() as Promise<PublicationRow[]>;
}

export function findPublicationsBySlugs(db: Db, slugs: readonly string[]): Promise<PublicationRow[]> {
  return publicationsWithVisibility(db).where('slug', 'in', [...slugs]).execute() as Promise<PublicationRow[]>;
}

export function findAttachments(db: Db, publicationIds: readonly string[]): Promise<AttachmentTable[]> {
  return db
    .selectFrom('publication_attachments')
    .selectAll()
    .where('publication_id', 'in', [...publicationIds])
    .orderBy('publication_id')
    .orderBy('position')
    .execute();
}

export function findChanges(db: Db, publicationIds: readonly string[]): Promise<ChangeRow[]> {
  return db
    .selectFrom('publication_changes')
    .selectAll()
    .where('publication_id', 'in', [...publicationIds])
    .orderBy('changed_at')
    .orderBy('id')
    .execute() as Promise<ChangeRow[]>;
}
