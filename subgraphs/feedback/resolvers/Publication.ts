import type { PageArgs } from '../../kit/paging';
import type { FeedbackContext } from '../loaders';
import { ownerConnection } from './connections';

export const Publication = {
  __resolveReference: (ref: { id: string }) => ref,
  // Only public OPINION items (the filter is in lists.repository.ts); the sender is hidden by Feedback.submitter.
  opinions: (p: { id: string }, args: PageArgs, ctx: FeedbackContext) => ownerConnection(ctx, 'publication_id', p.id, args, 10),
};
