import type { Migration } from 'kysely';
import { auditLogMigration } from '../../../kit/audit-migration';
import * as m0001 from './0001_applications';
import * as m0002 from './0002_open_queue_index';

/** Every migration of this subgraph, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_applications': m0001,
  '0002_open_queue_index': m0002,
  '0003_audit_log': auditLogMigration('applications'),
};
