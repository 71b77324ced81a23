import { sql } from 'kysely';
import { keysetAfter } from '../../kit/paging';
import type { NotificationRow } from './tables';
import type { Db } from './users.repository';

/** A page of one person's inbox, newest first; `limit` rows after the cursor's (created_at, id). Index: notifications_inbox / notifications_unread. */
export function listNotifications(
  db: Db,
  userId: string,
  opts: { limit: number; after: [string, string] | null; unreadOnly: boolean },
): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  if (opts.after) q = q.where(keysetAfter(['created_at', 'id'], [opts.after[0], opts.after[1]], 'desc'));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

/** How many of their notifications each person has not read (index: notifications_unread). */
export async function unreadCounts(db: Db, userIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('user_id', 'in', [...userIds])
    .where('read_at', 'is', null)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

export async function countNotifications(db: Db, userId: string, unreadOnly: boolean): Promise<number> {
  let q = db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Marks one of the person's notifications read (kept read when it was); undefined when they have no such notification. */
export function markRead(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notifications')
    .set({ read_at: sql`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}

/** Marks every unread notification of the person read; how many were unread. */
export async function markAllRead(db: Db, userId: string): Promise<number> {
  const r = await db.updateTable('notifications').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
