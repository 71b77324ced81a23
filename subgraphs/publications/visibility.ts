import { hasRole, type Identity } from '../../core/identity';
import { forbidden, requireRole } from '../kit/errors';
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

/**
 * Who works on a department's publications: its editors and officers, and admins. They list every
 * status (`editorialPublications`) and read the whole history of an item (`editorialHistory`);
 * anyone else is FORBIDDEN (UNAUTHENTICATED when signed out).
 */
export function requireEditorialStaff(who: Identity, departmentId: string): void {
  requireRole(who, 'EDITOR', 'OFFICER', 'ADMIN');
  if (!hasRole(who, 'ADMIN') && who.departmentId !== departmentId) throw forbidden('Only the department’s staff see its editorial work.');
}
