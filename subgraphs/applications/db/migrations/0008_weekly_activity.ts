import type { Kysely } from 'kysely';
import { createActivityBuckets, dropActivityBuckets, type ActivityCounters } from '../../../kit/activity-buckets';

/** Applications submitted and decided per department and quarter hour, for weekly trends (kit/activity-buckets.ts). */
const counters: ActivityCounters = {
  schema: 'applications',
  table: 'applications',
  events: [{ counter: 'submitted', at: 'submitted_at' }, { counter: 'decided', at: 'decided_at' }],
};

export const up = (db: Kysely<any>) => createActivityBuckets(db, counters);
export const down = (db: Kysely<any>) => dropActivityBuckets(db, counters);
