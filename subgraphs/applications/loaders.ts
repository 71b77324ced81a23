import type { EventOutbox } from '../kit/event-outbox';
import { weeklyLoaders } from '../kit/activity-buckets';
import DataLoader from 'dataloader';
import { byKey, groupByKey } from '../kit/loaders';
import type { BaseContext } from '../kit/server';
import { countByApplicants, findApplicationsByIds, listByApplicants } from './db/applications.repository';
import { findHistoryOf } from './db/history.repository';
import { statsFor, type StatsKey, type StatsRow } from './db/stats.repository';
import { findDocuments, findDocumentsOf } from './db/documents.repository';
import { calendarsOf } from './calendars';
import type { WorkingCalendar } from '../kit/working-calendar';
import type { ApplicationRow, Db, DocumentRow, HistoryRow } from './db/tables';
import type { FormValidator } from './form-validation';
import type { DepartmentCodes } from '../kit/department-codes';
import type { FileStore } from '../../core/file-store';
import type { FormSchemas } from './answers';

const statsKey = (k: StatsKey) => `${k.id}|${k.from?.toISOString() ?? ''}|${k.to?.toISOString() ?? ''}`;

function statsLoader(db: Db, by: 'procedure_id' | 'department_id') {
  return new DataLoader<StatsKey, StatsRow[], string>(
    async (keys) => groupByKey(keys.map((_, i) => i + 1), await statsFor(db, by, keys), (r) => r.n),
    { cacheKeyFn: statsKey },
  );
}

/** Per-request loaders: every lookup by key, including every `__resolveReference`, batches here. */
export function createLoaders(db: Db) {
  const pages = new Map<string, DataLoader<string, ApplicationRow[]>>();
  return {
    application: new DataLoader<string, ApplicationRow | null>(async (ids) =>
      byKey(ids, await findApplicationsByIds(db, ids), (a) => a.id),
    ),
    history: new DataLoader<string, HistoryRow[]>(async (ids) => groupByKey(ids, await findHistoryOf(db, ids), (h) => h.application_id)),
    /** Supporting documents of many applications, in one statement. */
    documents: new DataLoader<string, DocumentRow[]>(async (ids) => groupByKey(ids, await findDocumentsOf(db, ids), (d) => d.application_id)),
    /** Departments' working calendars. */
    calendar: new DataLoader<string, WorkingCalendar>(async (ids) => calendarsOf(db, ids)),
    /** Supporting documents by file id. */
    document: new DataLoader<string, DocumentRow | null>(async (ids) => byKey(ids, await findDocuments(db, ids), (d) => d.file_id)),
    /** People's application lists: every person of a response in one statement (per page size and cursor). */
    applicantPage(limit: number, after: [Date, string] | null): DataLoader<string, ApplicationRow[]> {
      const key = `${limit}|${after?.[0].toISOString() ?? ''}|${after?.[1] ?? ''}`;
      let loader = pages.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => groupByKey(ids, await listByApplicants(db, ids, after, limit), (r) => r.parent_id));
        pages.set(key, loader);
      }
      return loader;
    },
    applicantCount: new DataLoader<string, number>(async (ids) => {
      const counts = await countByApplicants(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    procedureStats: statsLoader(db, 'procedure_id'),
    departmentStats: statsLoader(db, 'department_id'),
    /** Weekly trends: every department in the request in one statement (kit/activity-buckets.ts). */
    weeks: weeklyLoaders(db, 'applications', ['submitted', 'decided'] as const),
  };
}

export interface ApplicationsContext extends BaseContext {
  db: Db;
  forms: FormValidator;
  departmentCodes: DepartmentCodes;
  loaders: ReturnType<typeof createLoaders>;
  /** The platform's file store: supporting documents are checked against it, and purged from it. */
  files: FileStore;
  /** Published form versions, for labelling answers. */
  formSchemas: FormSchemas;
  /** The gateway's public origin for links (PUBLIC_URL); unset: root-relative. */
  publicUrl: string | undefined;
  /** This subgraph's events (kit/event-outbox.ts, events.ts). */
  events: EventOutbox;
}
