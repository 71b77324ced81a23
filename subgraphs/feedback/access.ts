import { hasRole, type Identity } from '../../core/identity';
import type { FeedbackRow } from './db/tables';

/**
 * Who sees what. The sender's identity is the sensitive part: the public (and staff of other
 * departments) may read a published item, never who sent it.
 */

/** Staff of the addressed department (officers, editors), analysts and admins. */
export function isCaseworker(who: Identity, row: FeedbackRow): boolean {
  if (hasRole(who, 'ANALYST', 'ADMIN')) return true;
  return hasRole(who, 'OFFICER', 'EDITOR') && who.departmentId === row.department_id;
}

/** May know who sent it: the sender and the caseworkers. */
export const maySeeSubmitter = (who: Identity, row: FeedbackRow) => who.userId === row.submitter_id || isCaseworker(who, row);

/** May read the item at all: anyone once public, else those who may see the sender. */
export const maySee = (who: Identity, row: FeedbackRow) => row.is_public || maySeeSubmitter(who, row);

/** May answer it or start work on it: officers of the addressed department, admins. */
export const mayHandle = (who: Identity, row: FeedbackRow) =>
  hasRole(who, 'ADMIN') || (hasRole(who, 'OFFICER') && who.departmentId === row.department_id);
