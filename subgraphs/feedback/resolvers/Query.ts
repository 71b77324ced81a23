import { forbidden, notFound, requireRole } from '../../kit/errors';
import { hasRole } from '../../../core/identity';
import { pageSize, toConnection } from '../../kit/paging';
import { maySee } from '../access';
import { countPublic, countQueue, listPublic, listQueue, type PublicFilter, type QueueFilter } from '../db/feedback.repository';
import type { QueryResolvers } from '../generated/resolvers';
import { isUuid } from '../ids';
import { cursorOf, dueKey, newestKey } from './connections';

export const Query: QueryResolvers = {
  feedback: async (_, { id }, ctx) => {
    const row = isUuid(id) ? await ctx.loaders.feedback.load(id) : null;
    if (!row || !maySee(ctx.identity, row)) throw notFound('Feedback');
    return row;
  },

  feedbackQueue: async (_, args, ctx) => {
    requireRole(ctx.identity, 'OFFICER', 'ADMIN', 'ANALYST');
    const asked = args.filter?.departmentId ?? null;
    let departmentId = asked;
    // Officers see their own department's queue only; admins and analysts any, or all.
    if (!hasRole(ctx.identity, 'ADMIN', 'ANALYST')) {
      if (asked && asked !== ctx.identity.departmentId) throw forbidden('You may see only your own department’s queue.');
      departmentId = ctx.identity.departmentId;
      if (!departmentId) throw forbidden('You belong to no department.');
    }
    if (departmentId && !isUuid(departmentId)) return toConnection([], 0, dueKey, async () => 0);
    const filter: QueueFilter = { ...args.filter, departmentId };
    const size = pageSize(args.first);
    const after = cursorOf(args.after);
    const rows = await listQueue(ctx.db, filter, size + 1, after);
    return toConnection(rows, size, dueKey, () => countQueue(ctx.db, filter), after !== null);
  },

  publicFeedback: async (_, args, ctx) => {
    const filter: PublicFilter = { ...args.filter };
    const size = pageSize(args.first);
    if (filter.departmentId && !isUuid(filter.departmentId)) return toConnection([], size, newestKey, async () => 0);
    const after = cursorOf(args.after);
    const rows = await listPublic(ctx.db, filter, size + 1, after);
    return toConnection(rows, size, newestKey, () => countPublic(ctx.db, filter), after !== null);
  },
};
