import { forbidden, requireRole } from '../../kit/errors';
import { hasRole } from '../../../core/identity';
import type { UserResolvers } from '../generated/resolvers';
import { ownerConnection } from './connections';

export const User: UserResolvers = {
  __resolveReference: (ref) => ref,
  // What a citizen sent is theirs: others (even staff) reach it through the queue, not the person.
  feedback: (u, args, ctx) => {
    const me = requireRole(ctx.identity);
    if (me !== u.id && !hasRole(ctx.identity, 'ANALYST', 'ADMIN')) throw forbidden('You may list only your own feedback.');
    return ownerConnection(ctx, 'submitter_id', u.id, args, 20);
  },
};
