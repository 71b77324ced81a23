import { listEntries } from '../db/entries.repository';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  __camel__Entries: (_, args, ctx) => listEntries(ctx.db, Math.min(Math.max(args.first ?? 20, 0), 100)),
};
