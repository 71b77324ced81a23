import type { PublicationChangeResolvers } from '../generated/resolvers';

export const PublicationChange: PublicationChangeResolvers = {
  changedAt: (c) => c.changed_at,
  changedBy: (c) => (c.changed_by ? { __typename: 'User', id: c.changed_by } : null),
};
