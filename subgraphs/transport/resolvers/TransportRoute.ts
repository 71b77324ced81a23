import type { RouteRow } from '../db/tables';
import type { TransportContext } from '../loaders';

export const TransportRoute = {
  __resolveReference: (ref: { id: string }, ctx: TransportContext) => ctx.loaders.route.load(ref.id),
  headwayMinutes: (r: RouteRow) => r.headway_minutes,
  // identity resolves the rest of the department from its id.
  department: (r: RouteRow) => ({ id: r.department_id }),
  notices: (r: RouteRow, _: unknown, ctx: TransportContext) => ctx.loaders.routeNotices.load(r.id),
};

export const ServiceNotice = {
  startsAt: (n: { starts_at: Date }) => n.starts_at,
  endsAt: (n: { ends_at: Date | null }) => n.ends_at,
};
