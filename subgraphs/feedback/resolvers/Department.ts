import { requireRole } from '../../kit/errors';
import type { DepartmentResolvers } from '../generated/resolvers';

export const Department: DepartmentResolvers = {
  __resolveReference: (ref) => ref,
  // The department dashboard is for analysts and admins only (shared/contract/README.md).
  feedbackStats: (d, args, ctx) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN');
    return ctx.loaders.stats(args.from, args.to).load(d.id);
  },
  feedbackWeeks: (d, args, ctx) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN');
    return ctx.loaders.weeks(args).load(d.id);
  },
};
