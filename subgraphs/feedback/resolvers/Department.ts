import { forbidden, requireRole } from '../../kit/errors';
import { hasRole } from '../../kit/identity';
import type { FeedbackContext } from '../loaders';

export const Department = {
  __resolveReference: (ref: { id: string }) => ref,
  // Analysts and admins for any department; officers for their own. Citizens and editors: FORBIDDEN.
  feedbackStats: (d: { id: string }, args: { from: Date; to: Date }, ctx: FeedbackContext) => {
    requireRole(ctx.identity, 'ANALYST', 'ADMIN', 'OFFICER');
    if (!hasRole(ctx.identity, 'ANALYST', 'ADMIN') && ctx.identity.departmentId !== d.id) throw forbidden('Only your own department.');
    return ctx.loaders.stats(args.from, args.to).load(d.id);
  },
};
