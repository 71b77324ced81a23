import { forbidden, requireRole } from '../../kit/errors';
import { hasRole } from '../../kit/identity';
import type { ApplicationsContext } from '../loaders';
import { statsKey, toStats } from '../stats';

type Period = { from?: Date | null; to?: Date | null };

export const Department = {
  // A department's workload is for analysts, admins and its own officers.
  applicationStats: async (d: { id: string }, args: Period, ctx: ApplicationsContext) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN', 'OFFICER');
    if (!hasRole(ctx.identity, 'ANALYST', 'ADMIN') && ctx.identity.departmentId !== d.id) {
      throw forbidden('Only analysts and the department’s own officers may see its statistics.');
    }
    return toStats(await ctx.loaders.departmentStats.load(statsKey(d.id, args)));
  },
};
