import { requireRole } from '../../kit/errors';
import type { ApplicationsContext } from '../loaders';
import { statsKey, toStats } from '../stats';

type Period = { from?: Date | null; to?: Date | null };

export const Department = {
  // The department dashboard is for analysts and admins only (shared/contract/README.md).
  applicationStats: async (d: { id: string }, args: Period, ctx: ApplicationsContext) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN');
    return toStats(await ctx.loaders.departmentStats.load(statsKey(d.id, args)));
  },
};
