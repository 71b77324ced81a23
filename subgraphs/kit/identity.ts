import { SignJWT, jwtVerify } from 'jose';

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

/** The header that carries the gateway-signed identity to the subgraphs. */
export const IDENTITY_HEADER = 'x-egov-identity';
const ISSUER = 'egov-gateway';
const AUDIENCE = 'egov-subgraphs';

/**
 * Signs and checks the identity the gateway hands to subgraphs. HMAC (HS256) with a secret the
 * gateway and subgraphs share: a caller who reaches a subgraph's port directly cannot forge it.
 */
export class IdentitySigner {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  sign(identity: Identity): Promise<string> {
    return new SignJWT({
      roles: identity.roles,
      dept: identity.departmentId,
      svc: identity.service,
      ip: identity.clientIp,
      rid: identity.requestId,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(identity.userId ?? 'anonymous')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(this.key);
  }

  /** Throws when the token is missing, forged, expired or malformed. */
  async verify(token: string): Promise<Identity> {
    const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      userId: payload.sub && payload.sub !== 'anonymous' ? payload.sub : null,
      roles,
      departmentId: str(payload.dept),
      service: str(payload.svc),
      clientIp: str(payload.ip),
      requestId: str(payload.rid),
    };
  }
}

export const hasRole = (who: Identity, ...roles: Role[]) => who.roles.some((r) => roles.includes(r));
