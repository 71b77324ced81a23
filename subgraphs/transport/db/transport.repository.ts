import { sql } from 'kysely';
import type { Db, NoticeRow, RouteRow } from './tables';

/** Reading routes and notices; every lookup by key takes many keys, for the loaders. */

export function listRoutes(db: Db, mode?: RouteRow['mode'] | null): Promise<RouteRow[]> {
  let q = db.selectFrom('routes').selectAll().orderBy('code');
  if (mode) q = q.where('mode', '=', mode);
  return q.modifyEnd(sql`/* listRoutes */`).execute();
}

export function findRoutesByIds(db: Db, ids: readonly string[]): Promise<RouteRow[]> {
  return db.selectFrom('routes').selectAll().where('id', 'in', [...ids]).modifyEnd(sql`/* findRoutesByIds */`).execute();
}

export function findRoutesByCodes(db: Db, codes: readonly string[]): Promise<RouteRow[]> {
  return db.selectFrom('routes').selectAll().where('code', 'in', [...codes]).modifyEnd(sql`/* findRoutesByCodes */`).execute();
}

export function findRoutesByDepartmentIds(db: Db, departmentIds: readonly string[]): Promise<RouteRow[]> {
  return db
    .selectFrom('routes')
    .selectAll()
    .where('department_id', 'in', [...departmentIds])
    .orderBy('code')
    .modifyEnd(sql`/* findRoutesByDepartmentIds */`)
    .execute();
}

/** Notices that have not ended (decided by the database clock), soonest first. */
export function findCurrentNoticesByRouteIds(db: Db, routeIds: readonly string[]): Promise<NoticeRow[]> {
  return db
    .selectFrom('notices')
    .selectAll()
    .where('route_id', 'in', [...routeIds])
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', sql<Date>`now()`)]))
    .orderBy('starts_at')
    .orderBy('id')
    .modifyEnd(sql`/* findCurrentNoticesByRouteIds */`)
    .execute();
}

export function findCurrentNoticesByDepartmentIds(db: Db, departmentIds: readonly string[]): Promise<(NoticeRow & { department_id: string })[]> {
  return db
    .selectFrom('notices')
    .innerJoin('routes', 'routes.id', 'notices.route_id')
    .selectAll('notices')
    .select('routes.department_id')
    .where('routes.department_id', 'in', [...departmentIds])
    .where((eb) => eb.or([eb('notices.ends_at', 'is', null), eb('notices.ends_at', '>', sql<Date>`now()`)]))
    .orderBy('notices.starts_at')
    .orderBy('notices.id')
    .modifyEnd(sql`/* findCurrentNoticesByDepartmentIds */`)
    .execute();
}
