import { listEntries } from '../db/entries.repository';
import type { __Pascal__Context } from '../loaders';

export const Query = {
  __camel__Entries: (_: unknown, args: { first?: number | null }, ctx: __Pascal__Context) =>
    listEntries(ctx.db, Math.min(Math.max(args.first ?? 20, 0), 100)),
};
