import { requireRole } from '../../kit/errors';
import type { MutationResolvers } from '../generated/resolvers';
import { submitApplication } from '../submit';
import { supplement, transition, withdraw } from '../transitions';

export const Mutation: MutationResolvers = {
  submitApplication: (_, { input }, ctx) => {
    const applicantId = requireRole(ctx.identity, 'CITIZEN', 'ADMIN');
    return submitApplication(ctx, applicantId, input);
  },

  transitionApplication: (_, { input }, ctx) => transition(ctx, input),

  supplementApplication: (_, { input }, ctx) => supplement(ctx, input),

  withdrawApplication: (_, args, ctx) => withdraw(ctx, args),
};
