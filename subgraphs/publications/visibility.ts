import { hasRole, type Identity } from '../../core/identity';
import type { PublicationRow } from './db/tables';

/**
 * Who may read a publication that is not public: drafts, scheduled and archived items are for the
 * department's staff (editors and officers), analysts and admins. Lists, search and feeds never
 * show them to anyone; this decides only reads by id or slug and entity references.
 */
export function canRead(who: Identity, row: PublicationRow): boolean {
  if (row.is_public || hasRole(who, 'ADMIN', 'ANALYST')) return true;
  return hasRole(who, 'EDITOR', 'OFFICER') && who.departmentId === row.department_id;
}
