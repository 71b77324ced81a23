import { sql } from 'kysely';
import type { Db, EntryRow } from './tables';

/** Reading entries; every lookup by key takes many keys, for the loaders. */

export function listEntries(db: Db, first: number): Promise<EntryRow[]> {
  return db.selectFrom('entries').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(first)
    .modifyEnd(sql`/* listEntries */`).execute();
}

export function findEntriesByIds(db: Db, ids: readonly string[]): Promise<EntryRow[]> {
  return db.selectFrom('entries').selectAll().where('id', 'in', [...ids]).modifyEnd(sql`/* findEntriesByIds */`).execute();
}

export function findEntriesByDepartmentIds(db: Db, departmentIds: readonly string[]): Promise<EntryRow[]> {
  return db.selectFrom('entries').selectAll().where('department_id', 'in', [...departmentIds])
    .orderBy('created_at', 'desc').orderBy('id', 'desc').modifyEnd(sql`/* findEntriesByDepartmentIds */`).execute();
}
