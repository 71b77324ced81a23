import { hasRole, type Identity } from '../../core/identity';
import type { FeedbackRow } from './db/tables';

/**
 * Who sees what. The sender's identity is the sensitive part: the public (and staff of other
 * departments) may read a published item, never who sent it.
 */

/**
 * Officers of the addressed department, analysts and admins. Not editors: they publish, and never
 * read private feedback (shared/contract/README.md).
 */
export function isCaseworker(who: Identity, row: FeedbackRow): boolean {
  if (hasRole(who, 'ANALYST', 'ADMIN')) return true;
  return hasRole(who, 'OFFICER') && who.departmentId === row.department_id;
}

/** May know who sent it: the sender and the caseworkers. */
export const maySeeSubmitter = (who: Identity, row: FeedbackRow) => who.userId === row.submitter_id || isCaseworker(who, row);

/** May read the item at all: anyone once public, else those who may see the sender. */
export const maySee = (who: Identity, row: FeedbackRow) => row.is_public || maySeeSubmitter(who, row);

/** May answer it or start work on it: officers of the addressed department, admins. */
export const mayHandle = (who: Identity, row: FeedbackRow) =>
  hasRole(who, 'ADMIN') || (hasRole(who, 'OFFICER') && who.departmentId === row.department_id);
