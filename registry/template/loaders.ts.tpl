import DataLoader from 'dataloader';
import { byKey, groupByKey } from '../kit/loaders';
import type { BaseContext } from '../kit/server';
import { findEntriesByDepartmentIds, findEntriesByIds } from './db/entries.repository';
import type { Db, EntryRow } from './db/tables';

/** Per-request loaders: every lookup by key, including every `__resolveReference`, batches here. */
export function createLoaders(db: Db) {
  return {
    entry: new DataLoader<string, EntryRow | null>(async (ids) => byKey(ids, await findEntriesByIds(db, ids), (e) => e.id)),
    departmentEntries: new DataLoader<string, EntryRow[]>(async (ids) =>
      groupByKey(ids, await findEntriesByDepartmentIds(db, ids), (e) => e.department_id),
    ),
  };
}

export interface __Pascal__Context extends BaseContext {
  db: Db;
  loaders: ReturnType<typeof createLoaders>;
}
