import type { EventOutbox } from '../kit/event-outbox';
import { weeklyLoaders } from '../kit/activity-buckets';
import DataLoader from 'dataloader';
import { byKey, groupByKey } from '../kit/loaders';
import type { DepartmentCodes } from '../kit/department-codes';
import type { BaseContext } from '../kit/server';
import { findFeedbackByIds } from './db/feedback.repository';
import { countByOwners, listByOwners, type Owner } from './db/lists.repository';
import { findRepliesByFeedbackIds } from './db/replies.repository';
import { feedbackStatsByDepartments, type FeedbackStats } from './db/stats.repository';
import type { Db, FeedbackRow, ReplyRow } from './db/tables';

/** Per-request loaders: every lookup by key, including every `__resolveReference`, batches here. */
export function createLoaders(db: Db) {
  // One loader per list and page arguments: owners asking for the same page share one statement.
  const lists = new Map<string, DataLoader<string, FeedbackRow[]>>();
  const counts = new Map<Owner, DataLoader<string, number>>();
  const stats = new Map<string, DataLoader<string, FeedbackStats>>();
  return {
    /** Weekly trends: every department in the request in one statement (kit/activity-buckets.ts). */
    weeks: weeklyLoaders(db as never, 'feedback', ['received', 'answered'] as const),
    feedback: new DataLoader<string, FeedbackRow | null>(async (ids) => byKey(ids, await findFeedbackByIds(db, ids), (r) => r.id)),
    replies: new DataLoader<string, ReplyRow[]>(async (ids) => groupByKey(ids, await findRepliesByFeedbackIds(db, ids), (r) => r.feedback_id)),
    list(owner: Owner, limit: number, after: [string, string] | null): DataLoader<string, FeedbackRow[]> {
      const key = JSON.stringify([owner, limit, after]);
      let loader = lists.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => groupByKey(ids, await listByOwners(db, owner, ids, limit, after), (r) => r.owner));
        lists.set(key, loader);
      }
      return loader;
    },
    count(owner: Owner): DataLoader<string, number> {
      let loader = counts.get(owner);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const n = await countByOwners(db, owner, ids);
          return ids.map((id) => n.get(id) ?? 0);
        });
        counts.set(owner, loader);
      }
      return loader;
    },
    /** Department figures for one period: every department asked for in a request, one statement. */
    stats(from: Date, to: Date): DataLoader<string, FeedbackStats> {
      const key = `${from.toISOString()}|${to.toISOString()}`;
      let loader = stats.get(key);
      if (!loader) {
        loader = new DataLoader((ids) => feedbackStatsByDepartments(db, ids, from, to));
        stats.set(key, loader);
      }
      return loader;
    },
  };
}

export interface FeedbackContext extends BaseContext {
  db: Db;
  /** Per process: a department's code never changes. */
  departmentCodes: DepartmentCodes;
  loaders: ReturnType<typeof createLoaders>;
  /** This subgraph's events (kit/event-outbox.ts, events.ts). */
  events: EventOutbox;
}
