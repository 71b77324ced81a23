import type { Db, ReplyRow } from './tables';

/** Replies of many items at once (oldest first), for the per-request loader. */
export function findRepliesByFeedbackIds(db: Db, ids: readonly string[]): Promise<ReplyRow[]> {
  return db.selectFrom('feedback_replies').selectAll().where('feedback_id', 'in', [...ids]).orderBy('created_at').orderBy('id').execute();
}
