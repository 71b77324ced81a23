import { hasRole, type Identity } from '../../core/identity';
import type { ApplicationRow } from './db/tables';

/**
 * Who sees what (shared/contract/README.md): the applicant, officers of the responsible
 * department, analysts and admins. Everyone else is told the application does not exist.
 */
export function maySee(who: Identity, app: Pick<ApplicationRow, 'applicant_id' | 'department_id'>): boolean {
  if (!who.userId && !who.service) return false;
  if (who.userId && who.userId === app.applicant_id) return true;
  if (hasRole(who, 'ADMIN', 'ANALYST')) return true;
  return hasRole(who, 'OFFICER') && who.departmentId === app.department_id;
}

/** Who may move an application through the department's work: its own officers, or an admin. */
export function mayHandle(who: Identity, app: Pick<ApplicationRow, 'department_id'>): boolean {
  if (hasRole(who, 'ADMIN')) return true;
  return hasRole(who, 'OFFICER') && who.departmentId === app.department_id;
}

/**
 * Who may read an application's supporting documents: the applicant, officers of its department
 * and admins. Not analysts, who see everything else (shared/contract/README.md).
 */
export function mayReadDocuments(who: Identity, app: Pick<ApplicationRow, 'applicant_id' | 'department_id'>): boolean {
  if (who.userId && who.userId === app.applicant_id) return true;
  return mayHandle(who, app);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids are UUIDs; anything else cannot exist, and must not reach Postgres as a malformed uuid. */
export const isUuid = (s: string) => UUID.test(s);
