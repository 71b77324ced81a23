import type { Migration } from 'kysely';
import { eventOutboxMigration } from '../../../kit/event-outbox';
import { auditLogMigration } from '../../../kit/audit-migration';
import * as m0001 from './0001_feedback';
import * as m0003 from './0003_owner_counts';
import * as m0004 from './0004_publication_consent';
import * as m0006 from './0006_weekly_activity';
import * as m0007 from './0007_due_calendar';
import * as m0008 from './0008_covering_stats_index';

/** Every migration of this subgraph, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_feedback': m0001,
  '0002_audit_log': auditLogMigration('feedback'),
  '0003_owner_counts': m0003,
  '0004_publication_consent': m0004,
  '0005_event_outbox': eventOutboxMigration(),
  '0006_weekly_activity': m0006,
  '0007_due_calendar': m0007,
  '0008_covering_stats_index': m0008,
};
