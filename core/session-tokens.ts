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
  sign(claims: UserClaims): Promise<string> {
    return new SignJWT({ roles: claims.roles, dept: claims.departmentId })
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
 * 150-250 µs of CPU, so a token checked once is remembered until it expires: tokens cannot be
 * revoked before then (there is no sign-out list), so the answer cannot change meanwhile.
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
    const claims = { userId: payload.sub, roles, departmentId: typeof payload.dept === 'string' ? payload.dept : null };
    return { value: claims, exp: payload.exp };
  }
}
