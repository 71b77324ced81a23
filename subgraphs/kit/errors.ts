import { GraphQLError } from 'graphql';
import type { Identity, Role } from '../../core/identity';
import { hasRole } from '../../core/identity';
import type { Language } from '../../core/language';
import type { MessageParams } from '../../core/messages';

/**
 * Stable `extensions.code`s that clients may branch on, with their parameters
 * (`extensions.params`). The English message written here is what an English reader gets; others
 * get the catalogue's text for the code (core/messages.ts, by the kit's `localizeMessages`).
 */
const coded = (message: string, code: string, params?: MessageParams) =>
  new GraphQLError(message, { extensions: { code, ...(params ? { params } : {}) } });

export const unauthenticated = (message = 'Sign in first.') => coded(message, 'UNAUTHENTICATED');

export const forbidden = (message = 'You are not allowed to do this.') => coded(message, 'FORBIDDEN');

/** Also the answer for a record that exists but is not the caller's to see, so ids cannot be probed. */
export const notFound = (what = 'Record') => coded(`${what} not found.`, 'NOT_FOUND', { what });

export const badInput = (message: string, params?: MessageParams) => coded(message, 'BAD_USER_INPUT', params);

/** A validation problem with one input field: returned in a payload's `userErrors`, never thrown. */
export interface UserError {
  field: string | null;
  /** In English, as written where the problem was found. */
  message: string;
  code: string;
  /** What the message names (`{max: 200}`), for clients that write their own words by code. */
  params?: MessageParams;
  /** The message already written in another language where it was found (a form's checks). */
  messages?: Partial<Record<Language, string>>;
}
export const userError = (field: string | null, code: string, message: string, params?: MessageParams): UserError => ({
  field,
  code,
  message,
  ...(params ? { params } : {}),
});

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

/** `UserError` as the resolver types name it (each subgraph's `codegen.ts` maps the graph's UserError to it). */
export type UserErrorValue = UserError;
