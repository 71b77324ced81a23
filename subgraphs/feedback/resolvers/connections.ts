import { decodeCursor, pageSize, toConnection, type PageArgs } from '../../kit/paging';
import type { Owner } from '../db/lists.repository';
import type { FeedbackRow } from '../db/tables';
import { isUuid } from '../ids';
import type { FeedbackContext } from '../loaders';

/** The cursor of the newest-first lists: (submittedAt, id). */
export const newestKey = (r: FeedbackRow) => [r.submitted_at.toISOString(), r.id];
export const dueKey = (r: FeedbackRow) => [r.due_at.toISOString(), r.id];
export const cursorOf = (after: string | null | undefined) => decodeCursor(after, ['instant', 'uuid']) as [string, string] | null;

/** A list hanging off another entity, through the batching loaders (one statement for many owners). */
export async function ownerConnection(ctx: FeedbackContext, owner: Owner, ownerId: string, args: PageArgs, fallback: number) {
  const size = pageSize(args.first, fallback);
  const after = cursorOf(args.after);
  if (!isUuid(ownerId)) return toConnection([], size, newestKey, async () => 0, after !== null);
  const rows = await ctx.loaders.list(owner, size + 1, after).load(ownerId);
  return toConnection(rows, size, newestKey, () => ctx.loaders.count(owner).load(ownerId), after !== null);
}
