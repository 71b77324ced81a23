import { createHash, randomUUID } from 'node:crypto';
import {
  SignJWT, createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify,
  type CryptoKey, type JSONWebKeySet, type JWK, type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { knownRoles, type Identity } from './identity';
import { DEFAULT_LANGUAGE, languageOf, type Language } from './language';

/**
 * The identity the gateway hands a subgraph with each request (`x-egov-identity`).
 *
 * - Only the gateway signs (EdDSA, Ed25519): it alone holds the private keys. Subgraphs, the
 *   platform's and departments' alike, verify with the public keys the gateway publishes as a
 *   JWKS on its internal listener, so a subgraph holds nothing that could mint an identity.
 * - Each token names one subgraph as its audience: what the gateway sends "parks" is worthless at
 *   "applications".
 * - Each token is bound to the one request it accompanies (`bh`, the SHA-256 of the body), lives
 *   a few seconds, and carries a `jti` a subgraph accepts once: a captured token cannot be
 *   replayed with another query, nor with the same one.
 */
export const IDENTITY_ISSUER = 'egov-gateway';
export const IDENTITY_TOKEN_LIFETIME_S = 10;
/** The audience of file links: no subgraph is named so, so a link is never an identity token. */
const FILE_LINK_AUDIENCE = 'egov-file-link';
const ALG = 'EdDSA';
/** Clocks of gateway and subgraph hosts may differ a little. */
export const CLOCK_TOLERANCE_S = 2;
/** What every token the gateway signs must be, wherever it is checked: the gateway's, EdDSA. */
const FROM_THE_GATEWAY = { issuer: IDENTITY_ISSUER, algorithms: [ALG], clockTolerance: CLOCK_TOLERANCE_S };
/** And an identity token arriving at a subgraph: fresh. */
const FRESH_FROM_THE_GATEWAY = { ...FROM_THE_GATEWAY, maxTokenAge: IDENTITY_TOKEN_LIFETIME_S + CLOCK_TOLERANCE_S };

export const bodyDigest = (body: string | Uint8Array) => createHash('sha256').update(body).digest('base64url');

/** A new private signing key (JWK with its `kid`), for `IDENTITY_SIGNING_KEYS` or a rotation. */
export async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALG, use: 'sig' };
}

/** The public half of a private JWK: what may be published. */
const publicHalf = ({ d: _private, ...pub }: JWK): JWK => pub;

/** Why a subgraph refused an identity token (logged; the caller only hears 401). */
export class IdentityTokenError extends Error {}

/**
 * The gateway's signer. Holds a key ring: the first key signs, every key is published, so a
 * rotation is "add the new key second, wait for subgraphs' JWKS caches, move it first, later drop
 * the old one" with no token ever unverifiable.
 */
export class IdentityIssuer {
  /** Its own public keys, to check a token it issued when a subgraph presents it back. */
  private readonly own: JWTVerifyGetKey;

  private constructor(private readonly ring: { kid: string; key: CryptoKey; jwk: JWK }[]) {
    this.own = createLocalJWKSet(this.jwks());
  }

  static async fromKeys(keys: JWK[]): Promise<IdentityIssuer> {
    if (keys.length === 0) throw new Error('the identity issuer needs at least one signing key');
    const ring = await Promise.all(
      keys.map(async (jwk) => {
        if (!jwk.kid || !jwk.d) throw new Error('each identity signing key must be a private JWK with a kid');
        return { kid: jwk.kid, key: (await importJWK(jwk, ALG)) as CryptoKey, jwk };
      }),
    );
    return new IdentityIssuer(ring);
  }

  /** The public keys, as a JWKS document. */
  jwks(): JSONWebKeySet {
    return { keys: this.ring.map(({ jwk }) => publicHalf(jwk)) };
  }

  /**
   * A token for `audience` (a subgraph's name) accompanying exactly `body`. `deadline` (epoch ms):
   * when the gateway stops waiting for the answer; the subgraph commits nothing after it (`dl`).
   * The token lives until then, and at least IDENTITY_TOKEN_LIFETIME_S: the subgraph presents it
   * back as its proof when it reads another subgraph's data (verifyDelegation), possibly long after
   * it arrived (a submission queued for the database), and a call the gateway still waits for must
   * not lose its proof first. A subgraph still checks it is fresh on arrival (maxTokenAge).
   */
  sign(identity: Identity, audience: string, body: string | Uint8Array, deadline?: number): Promise<string> {
    const { kid, key } = this.ring[0];
    const issued = Math.floor(Date.now() / 1000);
    const expires = Math.max(issued + IDENTITY_TOKEN_LIFETIME_S, deadline === undefined ? 0 : Math.ceil(deadline / 1000));
    return new SignJWT({
      roles: identity.roles,
      dept: identity.departmentId,
      svc: identity.service,
      ip: identity.clientIp,
      rid: identity.requestId,
      lang: identity.language,
      bh: bodyDigest(body),
      ...(deadline === undefined ? {} : { dl: Math.floor(deadline) }),
    })
      .setProtectedHeader({ alg: ALG, kid })
      .setSubject(identity.userId ?? 'anonymous')
      .setIssuer(IDENTITY_ISSUER)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(issued)
      .setExpirationTime(expires)
      .sign(key);
  }

  /**
   * A short-lived link to one private file (`/documents/<id>?link=…`), handed to someone the
   * applications subgraph said may read it: a browser can then open it without a sign-in header.
   * Signed with the same ring, so every gateway replica accepts what any other issued.
   */
  signFileLink(fileId: string, userId: string, seconds: number): Promise<string> {
    const { kid, key } = this.ring[0];
    return new SignJWT({ file: fileId })
      .setProtectedHeader({ alg: ALG, kid })
      .setSubject(userId)
      .setIssuer(IDENTITY_ISSUER)
      .setAudience(FILE_LINK_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .sign(key);
  }

  /** True when `token` is an unexpired link this platform signed for exactly `fileId`. */
  async verifyFileLink(token: string, fileId: string): Promise<boolean> {
    try {
      const { payload } = await jwtVerify(token, this.own, { ...FROM_THE_GATEWAY, audience: FILE_LINK_AUDIENCE });
      return payload.file === fileId;
    } catch {
      return false;
    }
  }

  /**
   * A token this gateway issued to a subgraph, presented back by that subgraph as proof that it is
   * serving a live request (the internal path to data another subgraph owns). Signature, issuer
   * and expiry: the subgraph already consumed its single use, and the body was the original call's.
   */
  async verifyDelegation(token: string): Promise<{ subgraph: string; requestId: string | null; language: Language; caller: DelegationCaller }> {
    let payload;
    try {
      // Its own signature and `exp`, as long as the call it went with may last (sign), not the
      // freshness a subgraph asks of it on arrival.
      ({ payload } = await jwtVerify(token, this.own, FROM_THE_GATEWAY));
    } catch (err) {
      throw new IdentityTokenError((err as Error).message);
    }
    const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    if (!aud || aud === FILE_LINK_AUDIENCE) throw new IdentityTokenError('the token names no subgraph');
    return {
      subgraph: aud,
      requestId: typeof payload.rid === 'string' ? payload.rid : null,
      // The reader's language of the request being served: a form's labels read for it stay in it.
      language: languageOf(typeof payload.lang === 'string' ? payload.lang : null) ?? DEFAULT_LANGUAGE,
      // The end user the gateway signed this token for (never its `svc`: a subgraph is not the gateway).
      caller: {
        userId: payload.sub && payload.sub !== 'anonymous' ? payload.sub : null,
        roles: knownRoles(payload.roles),
        departmentId: typeof payload.dept === 'string' ? payload.dept : null,
        clientIp: typeof payload.ip === 'string' ? payload.ip : null,
      },
    };
  }
}

/** Who a subgraph's request was for: what `core/service-reads.ts` `asCaller` reads run as. */
export interface DelegationCaller {
  userId: string | null;
  roles: Identity['roles'];
  departmentId: string | null;
  clientIp: string | null;
}

export interface VerifierOptions {
  /** This subgraph's name: tokens for any other audience are refused. */
  audience: string;
  /** Where the gateway's public keys come from: its JWKS URL, or a key set (tests, in-process). */
  keys: string | JSONWebKeySet | JWTVerifyGetKey;
}

/**
 * A subgraph's check of the identity token on every request: the gateway's signature, this
 * subgraph as audience, the body it came with, not expired, and not seen before.
 */
export class IdentityVerifier {
  private readonly keys: JWTVerifyGetKey;
  /** Token ids already accepted, each kept until its token expires. */
  private readonly seen = new LRUCache<string, true>({ max: 200_000 });

  constructor(private readonly opts: VerifierOptions) {
    const { keys } = opts;
    this.keys =
      typeof keys === 'function'
        ? keys
        : typeof keys === 'string'
          ? // Cached for a minute; an unknown `kid` (a rotation) is fetched again at most once a second.
            createRemoteJWKSet(new URL(keys), { cacheMaxAge: 60_000, cooldownDuration: 1_000, timeoutDuration: 5_000 })
          : createLocalJWKSet(keys);
  }

  get audience(): string {
    return this.opts.audience;
  }

  /** The caller's identity; throws IdentityTokenError on anything but a fresh, matching token. */
  async verify(token: string, body: string | Uint8Array): Promise<Identity> {
    return (await this.verifyCall(token, body)).identity;
  }

  /** The same check, and when the gateway stops waiting for this call (null: it set no deadline). */
  async verifyCall(token: string, body: string | Uint8Array): Promise<VerifiedCall> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        ...FRESH_FROM_THE_GATEWAY,
        audience: this.opts.audience,
        requiredClaims: ['jti', 'exp', 'iat', 'sub'],
      }));
    } catch (err) {
      throw new IdentityTokenError((err as Error).message);
    }
    if (payload.bh !== bodyDigest(body)) throw new IdentityTokenError('the token was issued for another request body');
    const ttl = (payload.exp! + CLOCK_TOLERANCE_S) * 1000 - Date.now();
    if (this.seen.has(payload.jti!)) throw new IdentityTokenError('the token was already used');
    this.seen.set(payload.jti!, true, { ttl: Math.max(ttl, 1) });
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const identity = {
      userId: payload.sub && payload.sub !== 'anonymous' ? payload.sub : null,
      roles: knownRoles(payload.roles),
      departmentId: str(payload.dept),
      service: str(payload.svc),
      clientIp: str(payload.ip),
      requestId: str(payload.rid),
      language: languageOf(str(payload.lang)) ?? DEFAULT_LANGUAGE,
    };
    return { identity, deadline: typeof payload.dl === 'number' ? payload.dl : null };
  }
}

/** A request to a subgraph as the gateway signed it: for whom, and until when it waits. */
export interface VerifiedCall {
  identity: Identity;
  /** Epoch ms after which the gateway no longer waits for the answer; null when it set none. */
  deadline: number | null;
}
