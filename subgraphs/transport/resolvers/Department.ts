import type { DepartmentResolvers } from '../generated/resolvers';

/** Department is owned by identity; this subgraph adds the department's routes and notices. */
export const Department: DepartmentResolvers = {
  // identity owns departments; this subgraph needs only the id to list a department's routes.
  __resolveReference: (ref) => ({ id: ref.id }),
  transportRoutes: (d, _, ctx) => ctx.loaders.departmentRoutes.load(d.id),
  serviceNotices: (d, _, ctx) => ctx.loaders.departmentNotices.load(d.id),
};
