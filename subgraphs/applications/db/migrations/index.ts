import type { Migration } from 'kysely';
import { eventOutboxMigration } from '../../../kit/event-outbox';
import { auditLogMigration } from '../../../kit/audit-migration';
import * as m0001 from './0001_applications';
import * as m0002 from './0002_open_queue_index';
import * as m0004 from './0004_applicant_counts';
import * as m0005 from './0005_supporting_documents';
import * as m0006 from './0006_working_calendars';
import * as m0008 from './0008_weekly_activity';
import * as m0009 from './0009_applicant_trigram';
import * as m0010 from './0010_covering_stats_indexes';

/** Every migration of this subgraph, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_applications': m0001,
  '0002_open_queue_index': m0002,
  '0003_audit_log': auditLogMigration('applications'),
  '0004_applicant_counts': m0004,
  '0005_supporting_documents': m0005,
  '0006_working_calendars': m0006,
  '0007_event_outbox': eventOutboxMigration(),
  '0008_weekly_activity': m0008,
  '0009_applicant_trigram': m0009,
  '0010_covering_stats_indexes': m0010,
};
