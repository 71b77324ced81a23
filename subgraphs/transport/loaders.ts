import DataLoader from 'dataloader';
import { byKey, groupByKey } from '../kit/loaders';
import type { BaseContext } from '../kit/server';
import type { Db, NoticeRow, RouteRow } from './db/tables';
import {
  findCurrentNoticesByDepartmentIds,
  findCurrentNoticesByRouteIds,
  findRoutesByCodes,
  findRoutesByDepartmentIds,
  findRoutesByIds,
} from './db/transport.repository';

/** Per-request loaders: every lookup by key, including every `__resolveReference`, batches here. */
export function createLoaders(db: Db) {
  return {
    route: new DataLoader<string, RouteRow | null>(async (ids) => byKey(ids, await findRoutesByIds(db, ids), (r) => r.id)),
    routeByCode: new DataLoader<string, RouteRow | null>(async (codes) => byKey(codes, await findRoutesByCodes(db, codes), (r) => r.code)),
    departmentRoutes: new DataLoader<string, RouteRow[]>(async (ids) =>
      groupByKey(ids, await findRoutesByDepartmentIds(db, ids), (r) => r.department_id),
    ),
    routeNotices: new DataLoader<string, NoticeRow[]>(async (ids) =>
      groupByKey(ids, await findCurrentNoticesByRouteIds(db, ids), (n) => n.route_id),
    ),
    departmentNotices: new DataLoader<string, NoticeRow[]>(async (ids) =>
      groupByKey(ids, await findCurrentNoticesByDepartmentIds(db, ids), (n) => n.department_id),
    ),
  };
}

export interface TransportContext extends BaseContext {
  db: Db;
  loaders: ReturnType<typeof createLoaders>;
}
