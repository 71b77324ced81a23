import type { Migration } from 'kysely';
import { auditLogMigration } from '../../../kit/audit-migration';
import * as m0001 from './0001___name__';

/** Every migration of this subgraph, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001___name__': m0001,
  // Every subgraph keeps its own audit log: every mutation by staff is recorded (subgraphs/kit/audit.ts).
  '0002_audit_log': auditLogMigration('__name__'),
};
