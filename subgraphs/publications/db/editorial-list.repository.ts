import { sql, type Expression, type SqlBool } from 'kysely';
import { keysetAfter } from '../../kit/paging';
import { publicationsWithVisibility } from './publications.repository';
import type { Db, PublicationRow, PublicationStatus } from './tables';

/**
 * The editors' working list: one department's items in every status, most recently changed first.
 * Each shape walks its own index (migration 0008): `(department_id, updated_at, id)` for every
 * status and for PUBLISHED (stored PUBLISHED, or SCHEDULED whose time has come, both read as
 * PUBLISHED); `(department_id, status, updated_at, id)` for one stored status.
 */
export type EditorialKey = [updatedAt: string, id: string];
export const editorialKey = (r: PublicationRow): EditorialKey => [r.updated_at.toISOString(), r.id];

/** A status as readers see it, in SQL: a scheduled item is PUBLISHED from its moment on. */
const byStatus: Record<PublicationStatus, Expression<SqlBool>> = {
  DRAFT: sql<SqlBool>`status = 'DRAFT'`,
  ARCHIVED: sql<SqlBool>`status = 'ARCHIVED'`,
  SCHEDULED: sql<SqlBool>`status = 'SCHEDULED' and published_at > now()`,
  PUBLISHED: sql<SqlBool>`(status = 'PUBLISHED' or (status = 'SCHEDULED' and published_at <= now()))`,
};

export function listEditorial(
  db: Db,
  departmentId: string,
  status: PublicationStatus | null | undefined,
  limit: number,
  after: EditorialKey | null,
): Promise<PublicationRow[]> {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`department_id = ${departmentId}`];
  if (status) where.push(byStatus[status]);
  if (after) where.push(keysetAfter(['updated_at', 'id'], [new Date(after[0]), after[1]], 'desc'));
  return publicationsWithVisibility(db)
    .where((eb) => eb.and(where))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as Promise<PublicationRow[]>;
}

export async function countEditorial(db: Db, departmentId: string, status: PublicationStatus | null | undefined): Promise<number> {
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and([sql<SqlBool>`department_id = ${departmentId}`, ...(status ? [byStatus[status]] : [])]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An item that was public and no longer is, by its address. */
export function findWithdrawnBySlug(db: Db, slug: string): Promise<PublicationRow | undefined> {
  return publicationsWithVisibility(db)
    .where('slug', '=', slug)
    .where('withdrawn_at', 'is not', null)
    .executeTakeFirst() as Promise<PublicationRow | undefined>;
}
