import { requireRole } from '../../kit/errors';
import { rateFeedback, replyToFeedback, setPublicationConsent, startFeedback } from '../handle';
import type { MutationResolvers } from '../generated/resolvers';
import { submitFeedback } from '../submit';

export const Mutation: MutationResolvers = {
  submitFeedback: (_, { input }, ctx) =>
    submitFeedback(ctx, requireRole(ctx.identity, 'CITIZEN', 'ADMIN'), input),

  startFeedback: (_, { id }, ctx) => startFeedback(ctx, id),

  replyToFeedback: (_, { input }, ctx) => replyToFeedback(ctx, input),

  rateFeedback: (_, { input }, ctx) => rateFeedback(ctx, input),

  setFeedbackPublicationConsent: (_, args, ctx) => setPublicationConsent(ctx, args),
};
