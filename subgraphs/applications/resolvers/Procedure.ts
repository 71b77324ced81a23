import type { ApplicationsContext } from '../loaders';
import { statsKey, toStats } from '../stats';

type Period = { from?: Date | null; to?: Date | null };

export const Procedure = {
  // Public figures: counts and averages only, nobody's personal data.
  applicationStats: async (p: { id: string }, args: Period, ctx: ApplicationsContext) =>
    toStats(await ctx.loaders.procedureStats.load(statsKey(p.id, args))),
};
