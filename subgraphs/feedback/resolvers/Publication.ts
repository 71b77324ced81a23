import type { PublicationResolvers } from '../generated/resolvers';
import { ownerConnection } from './connections';

export const Publication: PublicationResolvers = {
  __resolveReference: (ref) => ref,
  // Only public OPINION items (the filter is in lists.repository.ts); the sender is hidden by Feedback.submitter.
  opinions: (p, args, ctx) => ownerConnection(ctx, 'publication_id', p.id, args, 10),
};
