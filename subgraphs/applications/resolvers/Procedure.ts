import type { ProcedureResolvers } from '../generated/resolvers';
import { statsKey, toStats } from '../stats';

export const Procedure: ProcedureResolvers = {
  // Public figures: counts and averages only, nobody's personal data.
  applicationStats: async (p, args, ctx) =>
    toStats(await ctx.loaders.procedureStats.load(statsKey(p.id, args))),
};
