import { SignJWT, jwtVerify, importPKCS8, importSPKI, exportPKCS8, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import type { Role } from './identity';
import { knownRoles } from './identity';
import { VerifiedTokens } from './verified-tokens';

/**
 * Sign-in tokens: ES256 JWTs. Only the identity subgraph holds the private key; the gateway
 * verifies with the public key, so a leaked gateway cannot mint sessions.
 */
const ISSUER = 'egov-identity';
const AUDIENCE = 'egov-platform';
const ALG = 'ES256';

export interface UserClaims {
  userId: string;
  roles: Role[];
  departmentId: string | null;
  /**
   * The account's session version when the token was issued (`sv`); a gateway refuses the token
   * once the account's version is higher (gateway/session-check.ts). Tokens without one were
   * issued before versions existed: version 1.
   */
  sessionVersion: number;
}

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

export async function generateKeyPairPem(): Promise<KeyPairPem> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) };
}

export class TokenIssuer {
  private constructor(private readonly key: CryptoKey, private readonly ttlSeconds: number) {}
  static async fromPem(privatePem: string, ttlSeconds: number) {
    return new TokenIssuer(await importPKCS8(privatePem, ALG), ttlSeconds);
  }
  sign(claims: Omit<UserClaims, 'sessionVersion'> & { sessionVersion?: number }): Promise<string> {
    return new SignJWT({ roles: claims.roles, dept: claims.departmentId, sv: claims.sessionVersion ?? 1 })
      .setProtectedHeader({ alg: ALG })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }
}

/**
 * Checks sign-in tokens at the gateway, on every signed-in request. An ES256 check costs about
 * 150-250 µs of CPU, so a token checked once is remembered until it expires: its signature cannot
 * turn bad meanwhile. Revocation is another check, of the session version (gateway/session-check.ts).
 */
export class TokenVerifier {
  private readonly checked = new VerifiedTokens<UserClaims>();
  private constructor(private readonly key: CryptoKey) {}
  static async fromPem(publicPem: string) {
    return new TokenVerifier(await importSPKI(publicPem, ALG));
  }
  /** Throws on a forged, expired, wrongly signed or malformed token. */
  verify(token: string): Promise<UserClaims> {
    return this.checked.verify(token, (t) => this.check(t));
  }

  private async check(token: string): Promise<{ value: UserClaims; exp: number | undefined }> {
    const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALG] });
    if (!payload.sub) throw new Error('token has no subject');
    const roles = knownRoles(payload.roles);
    const sessionVersion = Number.isSafeInteger(payload.sv) ? (payload.sv as number) : 1;
    const claims = { userId: payload.sub, roles, departmentId: typeof payload.dept === 'string' ? payload.dept : null, sessionVersion };
    return { value: claims, exp: payload.exp };
  }
}
