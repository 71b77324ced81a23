import type { Kysely } from 'kysely';
import { createActivityBuckets, dropActivityBuckets, type ActivityCounters } from '../../../kit/activity-buckets';

/** Feedback received and first answered per department and quarter hour, for weekly trends (kit/activity-buckets.ts). */
const counters: ActivityCounters = {
  schema: 'feedback',
  table: 'feedback',
  events: [{ counter: 'received', at: 'submitted_at' }, { counter: 'answered', at: 'first_answered_at' }],
};

export const up = (db: Kysely<any>) => createActivityBuckets(db, counters);
export const down = (db: Kysely<any>) => dropActivityBuckets(db, counters);
