import type { Migration } from 'kysely';
import { auditLogMigration } from '../../../kit/audit-migration';
import * as m0001 from './0001_publications';
import * as m0002 from './0002_title_search';
import * as m0004 from './0004_bilingual';
import * as m0005 from './0005_department_kind_keyset';
import * as m0006 from './0006_listed_counts';
import * as m0007 from './0007_announcements';
import * as m0008 from './0008_editorial_work';

/** Every migration of this subgraph, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_publications': m0001,
  '0002_title_search': m0002,
  '0003_audit_log': auditLogMigration('publications'),
  '0004_bilingual': m0004,
  '0005_department_kind_keyset': m0005,
  '0006_listed_counts': m0006,
  '0007_announcements': m0007,
  '0008_editorial_work': m0008,
};
