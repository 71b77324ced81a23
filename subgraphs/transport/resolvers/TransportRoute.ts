import type { ServiceNoticeResolvers, TransportRouteResolvers } from '../generated/resolvers';

export const TransportRoute: TransportRouteResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.route.load(ref.id),
  headwayMinutes: (r) => r.headway_minutes,
  // identity resolves the rest of the department from its id.
  department: (r) => ({ id: r.department_id }),
  notices: (r, _, ctx) => ctx.loaders.routeNotices.load(r.id),
};

export const ServiceNotice: ServiceNoticeResolvers = {
  startsAt: (n) => n.starts_at,
  endsAt: (n) => n.ends_at,
};
