import { GraphQLError } from 'graphql';
import type { Identity, Role } from '../../core/identity';
import { hasRole } from '../../core/identity';

/** Stable `extensions.code`s that clients may branch on. */
export const unauthenticated = (message = 'Sign in first.') =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });

export const forbidden = (message = 'You are not allowed to do this.') =>
  new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

/** Also the answer for a record that exists but is not the caller's to see, so ids cannot be probed. */
export const notFound = (what = 'Record') => new GraphQLError(`${what} not found.`, { extensions: { code: 'NOT_FOUND' } });

export const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** A validation problem with one input field: returned in a payload's `userErrors`, never thrown. */
export interface UserError {
  field: string | null;
  message: string;
  code: string;
}
export const userError = (field: string | null, code: string, message: string): UserError => ({ field, code, message });

/** Throws UNAUTHENTICATED for anonymous callers, FORBIDDEN for callers without one of `roles`. */
export function requireRole(who: Identity, ...roles: Role[]): string {
  if (!who.userId) throw unauthenticated();
  if (roles.length > 0 && !hasRole(who, ...roles)) throw forbidden();
  return who.userId;
}

/** Staff of one department (OFFICER or EDITOR) may act for it only; ADMIN for any. */
export function requireDepartmentStaff(who: Identity, role: Role, departmentId: string): void {
  requireRole(who, role, 'ADMIN');
  if (hasRole(who, 'ADMIN')) return;
  if (who.departmentId !== departmentId) throw forbidden('You may act only for your own department.');
}
