import { requireRole } from '../../kit/errors';
import { rateFeedback, replyToFeedback, startFeedback } from '../handle';
import type { FeedbackContext } from '../loaders';
import { submitFeedback, type SubmitInput } from '../submit';

export const Mutation = {
  submitFeedback: (_: unknown, { input }: { input: SubmitInput }, ctx: FeedbackContext) =>
    submitFeedback(ctx, requireRole(ctx.identity, 'CITIZEN', 'ADMIN'), input),

  startFeedback: (_: unknown, { id }: { id: string }, ctx: FeedbackContext) => startFeedback(ctx, id),

  replyToFeedback: (_: unknown, { input }: { input: { feedbackId: string; body: string; makePublic?: boolean | null } }, ctx: FeedbackContext) =>
    replyToFeedback(ctx, input),

  rateFeedback: (_: unknown, { input }: { input: { feedbackId: string; score: number } }, ctx: FeedbackContext) =>
    rateFeedback(ctx, input),
};
