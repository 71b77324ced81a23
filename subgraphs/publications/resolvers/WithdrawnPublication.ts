import type { WithdrawnPublicationResolvers } from '../generated/resolvers';
import { readable } from './Publication';

/** A withdrawn address: what the public may know of it (no title or text: it may have been withdrawn for what it said). */
export const WithdrawnPublication: WithdrawnPublicationResolvers = {
  withdrawnAt: (p) => p.withdrawn_at!,
  supersededBy: (p, _, ctx) => (p.superseded_by ? readable(ctx, p.superseded_by) : null),
};
