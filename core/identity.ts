import { DEFAULT_LANGUAGE, type Language } from './language';

export const ROLES = ['CITIZEN', 'OFFICER', 'EDITOR', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the gateway vouches for it. Anonymous callers have no userId. */
export interface Identity {
  userId: string | null;
  roles: Role[];
  /** The department of an officer or editor. */
  departmentId: string | null;
  /**
   * Set when the platform itself calls: `gateway` for its own background work (the audit relay),
   * or the name of a subgraph asking another's data over the gateway's internal path.
   */
  service: string | null;
  /** The end user's address, for per-address limits. */
  clientIp: string | null;
  requestId: string | null;
  /** The reader's language, resolved once by the gateway for the request (core/language.ts). */
  language: Language;
}

export const ANONYMOUS: Identity = {
  userId: null, roles: [], departmentId: null, service: null, clientIp: null, requestId: null, language: DEFAULT_LANGUAGE,
};

export const hasRole = (who: Identity, ...roles: Role[]) => who.roles.some((r) => roles.includes(r));

/** Only the roles the platform knows, from an untrusted list. */
export const knownRoles = (value: unknown): Role[] =>
  Array.isArray(value) ? value.filter((r): r is Role => ROLES.includes(r as Role)) : [];
