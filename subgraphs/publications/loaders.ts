import DataLoader from 'dataloader';
import type { FileStore } from '../../core/file-store';
import { byKey, groupBy, groupByKey, perArguments } from '../kit/loaders';
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
    // One grouped count per distinct filter (the count ignores page size and cursor).
    async (keys) =>
      (await perArguments(keys, filterOf, (k) => k.departmentId, (ids, k) => countPublicByDepartments(db, ids, k.filter))).map((n) => n ?? 0),
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
        // Keys with the same arguments share one statement.
        const pages = await perArguments(keys, argsOf, (k) => k.departmentId, async (ids, { filter, size, after }) =>
          groupBy(await listPublicByDepartments(db, ids, filter, size + 1, after), (r) => r.department_id),
        );
        return keys.map((k, i) => connectionOf(pages[i] ?? [], k.size, k.after, () => departmentCount.load(k)));
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
