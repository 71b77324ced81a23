import { SignJWT, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { remembered } from './remembered';
import { VerifiedTokens } from './verified-tokens';

export const ROLES = ['CITIZEN', 'OFFICER', 'EDITOR', 'ANALYST', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the gateway vouches for it. Anonymous callers have no userId. */
export interface Identity {
  userId: string | null;
  roles: Role[];
  /** The department of an officer or editor. */
  departmentId: string | null;
  /** Set when a subgraph itself asks the graph (e.g. applications reading a procedure's form). */
  service: string | null;
  /** The end user's address, for per-address limits. */
  clientIp: string | null;
  requestId: string | null;
}

export const ANONYMOUS: Identity = {
  userId: null, roles: [], departmentId: null, service: null, clientIp: null, requestId: null,
};

import { IDENTITY_HEADER } from './headers';

export { IDENTITY_HEADER };
const ISSUER = 'egov-gateway';
const AUDIENCE = 'egov-subgraphs';
const LIFETIME_S = 60;
/** A token is reused while it has at least half its life left. */
const REUSE_MS = (LIFETIME_S / 2) * 1000;

/**
 * Signs and checks the identity the gateway hands to subgraphs. HMAC (HS256) with a secret the
 * gateway and subgraphs share: a caller who reaches a subgraph's port directly cannot forge it.
 *
 * Both ends sit on every request's path, so neither does the work twice: a token lives 60 s and
 * is handed out again for the same caller (same user, roles, department, service and address)
 * during its first 30 s, and a subgraph remembers the tokens it has checked until they expire.
 * The request id therefore travels in `x-request-id`, not in the token. WebCrypto's HMAC runs as
 * a thread-pool job, and signing on every request was the largest single cost the gateway added.
 */
export class IdentitySigner {
  /** Imported once: jose imports a raw secret anew on every call (3× slower signing). */
  private readonly key: Promise<CryptoKey>;
  private readonly issued = new LRUCache<string, Promise<string>>({ max: 10_000, ttl: REUSE_MS });
  private readonly checked = new VerifiedTokens<Identity>();

  constructor(secret: string) {
    this.key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    this.key.catch(() => {}); // an unusable secret fails at the first sign or verify, not as an unhandled rejection
  }

  sign(identity: Identity): Promise<string> {
    const who = JSON.stringify([identity.userId, identity.roles, identity.departmentId, identity.service, identity.clientIp]);
    return remembered(this.issued, who, () => this.signNew(identity));
  }

  private async signNew(identity: Identity): Promise<string> {
    return new SignJWT({ roles: identity.roles, dept: identity.departmentId, svc: identity.service, ip: identity.clientIp })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(identity.userId ?? 'anonymous')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_S}s`)
      .sign(await this.key);
  }

  /** Throws when the token is missing, forged, expired or malformed. */
  verify(token: string): Promise<Identity> {
    return this.checked.verify(token, (t) => this.check(t));
  }

  private async check(token: string): Promise<{ value: Identity; exp: number | undefined }> {
    const { payload } = await jwtVerify(token, await this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const identity: Identity = {
      userId: payload.sub && payload.sub !== 'anonymous' ? payload.sub : null,
      roles,
      departmentId: str(payload.dept),
      service: str(payload.svc),
      clientIp: str(payload.ip),
      requestId: null,
    };
    return { value: identity, exp: payload.exp };
  }
}

export const hasRole = (who: Identity, ...roles: Role[]) => who.roles.some((r) => roles.includes(r));
