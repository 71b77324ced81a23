import { sql, type Expression, type SqlBool } from 'kysely';
import { keysetAfter } from '../../kit/paging';
import { firstPerParent } from '../../kit/per-parent';
import { UUID } from '../../kit/ids';
import { effectiveStatus } from './feedback.repository';
import type { Db, FeedbackRow } from './tables';

/**
 * Newest-first lists that hang off another entity (a user's feedback, a publication's opinions).
 * Many owners are fetched in one statement, each owner's page read from its own index range
 * (kit/per-parent.ts), so a list of users or publications costs what one does, whatever they hold.
 */
export type Owner = 'submitter_id' | 'publication_id';

/** Extra conditions per list: a publication shows only its public opinions. */
const ownerFilter = (owner: Owner): Expression<SqlBool>[] =>
  owner === 'publication_id' ? [sql<SqlBool>`is_public = true`, sql<SqlBool>`kind = 'OPINION'`] : [];

export async function listByOwners(
  db: Db,
  owner: Owner,
  ids: readonly string[],
  limit: number,
  after: [string, string] | null,
): Promise<(FeedbackRow & { owner: string })[]> {
  const rows = await firstPerParent(db, {
    ids: ids.filter((id) => UUID.test(id)),
    page: (parent) => {
      const where = [sql<SqlBool>`${sql.ref(owner)} = ${parent}`, ...ownerFilter(owner)];
      if (after) where.push(keysetAfter(['submitted_at', 'id'], [new Date(after[0]), after[1]], 'desc'));
      return db
        .selectFrom('feedback')
        .selectAll()
        .select(effectiveStatus.as('effective_status'))
        .where((eb) => eb.and(where))
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
    },
    order: [['submitted_at', 'desc'], ['id', 'desc']],
  });
  return rows.map(({ effective_status, parent_id, ...r }) => ({ ...r, owner: parent_id, status: effective_status }) as FeedbackRow & { owner: string });
}

/** The owners' list totals, from the counters a trigger keeps (migration 0003): one row per owner. */
export async function countByOwners(db: Db, owner: Owner, ids: readonly string[]): Promise<Map<string, number>> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map();
  const rows = await db.selectFrom('owner_counts').select(['owner_id', 'n']).where('owner', '=', owner).where('owner_id', 'in', valid).execute();
  return new Map(rows.map((r) => [r.owner_id, r.n]));
}
