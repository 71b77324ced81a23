import { requireRole } from '../../kit/errors';
import type { DepartmentResolvers } from '../generated/resolvers';
import { statsKey, toStats } from '../stats';

export const Department: DepartmentResolvers = {
  // The department dashboard is for analysts and admins only (shared/contract/README.md).
  applicationStats: async (d, args, ctx) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN');
    return toStats(await ctx.loaders.departmentStats.load(statsKey(d.id, args)));
  },
};
