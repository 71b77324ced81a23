import DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server';
import { byKey } from '../kit/loaders';
import { findDepartmentsByCodes, findDepartmentsByIds } from './db/departments.repository';
import type { DepartmentRow, UserRow } from './db/tables';
import { findUsersByIds, type Db } from './db/users.repository';
import { unreadCounts } from './db/notifications.repository';

/** Per-request loaders: every lookup by key, including every `__resolveReference`, batches here. */
export function createLoaders(db: Db) {
  return {
    user: new DataLoader<string, UserRow | null>(async (ids) => byKey(ids, await findUsersByIds(db, ids), (u) => u.id)),
    department: new DataLoader<string, DepartmentRow | null>(async (ids) =>
      byKey(ids, await findDepartmentsByIds(db, ids), (d) => d.id),
    ),
    unreadCount: new DataLoader<string, number>(async (ids) => {
      const counts = await unreadCounts(db, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    departmentByCode: new DataLoader<string, DepartmentRow | null>(async (codes) =>
      byKey(codes, await findDepartmentsByCodes(db, codes), (d) => d.code),
    ),
  };
}

export interface IdentityContext extends BaseContext {
  db: Db;
  loaders: ReturnType<typeof createLoaders>;
  /** The account that signed up or in during this request. */
  signedIn?: string;
}
