import type { TransportContext } from '../loaders';

/** Department is owned by identity; this subgraph adds the department's routes and notices. */
export const Department = {
  // identity owns departments; this subgraph needs only the id to list a department's routes.
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  transportRoutes: (d: { id: string }, _: unknown, ctx: TransportContext) => ctx.loaders.departmentRoutes.load(d.id),
  serviceNotices: (d: { id: string }, _: unknown, ctx: TransportContext) => ctx.loaders.departmentNotices.load(d.id),
};
