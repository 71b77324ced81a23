import type { Migration } from 'kysely';
import * as m0001 from './0001_users_and_departments';
import * as m0002 from './0002_audit_log';
import * as m0003 from './0003_merged_audit_log';
import * as m0004 from './0004_sign_in_checks_in_flight';
import * as m0005 from './0005_account_state_and_sessions';
import * as m0006 from './0006_department_languages';
import * as m0007 from './0007_notifications';

/** Every migration of this subgraph, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_users_and_departments': m0001,
  '0002_audit_log': m0002,
  '0003_merged_audit_log': m0003,
  '0004_sign_in_checks_in_flight': m0004,
  '0005_account_state_and_sessions': m0005,
  '0006_department_languages': m0006,
  '0007_notifications': m0007,
};
