import { requireRole } from '../../kit/errors';
import type { FeedbackContext } from '../loaders';

export const Department = {
  __resolveReference: (ref: { id: string }) => ref,
  // The department dashboard is for analysts and admins only (shared/contract/README.md).
  feedbackStats: (d: { id: string }, args: { from: Date; to: Date }, ctx: FeedbackContext) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN');
    return ctx.loaders.stats(args.from, args.to).load(d.id);
  },
};
