import DataLoader from 'dataloader';
import type { FileStore } from '../../core/file-store';
import { byKey, groupBy, groupByKey } from '../kit/loaders';
import type { Connection } from '../kit/paging';
import type { EventOutbox } from '../kit/event-outbox';
import type { BaseContext } from '../kit/server';
import {
  countPublicByDepartments,
  findAttachments,
  findChanges,
  findPublicationsByIds,
  findPublicationsBySlugs,
  listPublicByDepartments,
  type ListKey,
  type PublicFilter,
} from './db/publications.repository';
import type { AttachmentTable, ChangeRow, Db, PublicationRow } from './db/tables';
import { connectionOf } from './paging';
import type { PublicCounts } from './public-counts';

/** A department's list is asked for with the same arguments for every department in a response. */
interface DepartmentListKey {
  departmentId: string;
  filter: PublicFilter | null;
  size: number;
  after: ListKey | null;
}
const argsOf = (k: DepartmentListKey) => JSON.stringify([k.filter, k.size, k.after]);

/** Per-request loaders: every lookup by key, including every `__resolveReference`, batches here. */
export function createLoaders(db: Db) {
  const filterOf = (k: DepartmentListKey) => JSON.stringify(k.filter);
  const departmentCount = new DataLoader<DepartmentListKey, number, string>(
    async (keys) => {
      // One grouped count per distinct filter (the count ignores page size and cursor).
      const counts = new Map<string, Map<string, number>>();
      for (const k of keys) {
        if (counts.has(filterOf(k))) continue;
        const ids = keys.filter((o) => filterOf(o) === filterOf(k)).map((o) => o.departmentId);
        counts.set(filterOf(k), await countPublicByDepartments(db, ids, k.filter));
      }
      return keys.map((k) => counts.get(filterOf(k))!.get(k.departmentId) ?? 0);
    },
    { cacheKeyFn: (k) => `${k.departmentId}|${filterOf(k)}` },
  );
  return {
    publication: new DataLoader<string, PublicationRow | null>(async (ids) => byKey(ids, await findPublicationsByIds(db, ids), (r) => r.id)),
    publicationBySlug: new DataLoader<string, PublicationRow | null>(async (slugs) =>
      byKey(slugs, await findPublicationsBySlugs(db, slugs), (r) => r.slug),
    ),
    attachments: new DataLoader<string, AttachmentTable[]>(async (ids) => groupByKey(ids, await findAttachments(db, ids), (a) => a.publication_id)),
    history: new DataLoader<string, ChangeRow[]>(async (ids) => groupByKey(ids, await findChanges(db, ids), (c) => c.publication_id)),
    departmentPublications: new DataLoader<DepartmentListKey, Connection<PublicationRow>, string>(
      async (keys) => {
        // Keys with the same arguments share one windowed query.
        const groups = groupBy(keys, argsOf);
        const rowsByArgs = new Map<string, Map<string, PublicationRow[]>>();
        for (const [args, group] of groups) {
          const { filter, size, after } = group[0];
          const rows = await listPublicByDepartments(db, group.map((k) => k.departmentId), filter, size + 1, after);
          rowsByArgs.set(args, groupBy(rows, (r) => r.department_id));
        }
        return keys.map((k) =>
          connectionOf(rowsByArgs.get(argsOf(k))!.get(k.departmentId) ?? [], k.size, k.after, () => departmentCount.load(k)),
        );
      },
      { cacheKeyFn: (k) => `${k.departmentId}|${argsOf(k)}` },
    ),
  };
}

export interface PublicationsContext extends BaseContext {
  db: Db;
  /** The replica (or the primary) for the public feed and search (SubgraphDeps.publicReads). */
  publicReads: Db;
  /** The gateway's public origin, for absolute links (PUBLIC_URL); unset: root-relative. */
  publicUrl: string | undefined;
  files: FileStore;
  loaders: ReturnType<typeof createLoaders>;
  /** Shared by every request of this process (public-counts.ts). */
  counts: PublicCounts;
  /** This subgraph's events (kit/event-outbox.ts, announcements.ts). */
  events: EventOutbox;
}
