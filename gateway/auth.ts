import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '../core/headers';
import { ANONYMOUS, type Identity } from '../core/identity';
import { DEFAULT_LANGUAGE } from '../core/language';
import type { TokenVerifier } from '../core/session-tokens';
import type { GatewayContext } from './context';
import type { SessionCheck } from './session-check';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Turns an HTTP request into the caller's identity: a citizen's or staff member's sign-in token
 * (`Authorization: Bearer`), or nobody. End-user credentials only: no service identity, internal
 * header or switch sent by a client is honoured. A token that is present but not valid is
 * refused, never downgraded to anonymous.
 */
export class Authenticator {
  /** `sessions`: revocation (gateway/session-check.ts); without it a token holds until it expires. */
  constructor(private readonly verifier: TokenVerifier, private readonly sessions?: SessionCheck) {}

  async identify(req: Request): Promise<Identity> {
    const requestId = req.header(REQUEST_ID_HEADER)?.slice(0, 64) || randomUUID();
    // The socket's address, or what a trusted proxy says it is (TRUST_PROXY, `trust proxy` on the app).
    const clientIp = req.ip ?? req.socket.remoteAddress ?? null;
    return this.identifyAuthorization(req.header('authorization'), clientIp, requestId);
  }

  /**
   * The same check for a credential that came another way (graphql-ws's `connectionParams`), and
   * again before each event of a subscription: a revoked or expired token throws UNAUTHENTICATED.
   */
  async identifyAuthorization(auth: string | undefined, clientIp: string | null, requestId: string): Promise<Identity> {
    if (!auth) return { ...ANONYMOUS, clientIp, requestId };
    const [scheme, token] = auth.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Use `Authorization: Bearer <token>`.');
    let claims;
    try {
      claims = await this.verifier.verify(token);
    } catch {
      throw unauthenticated('The sign-in token is invalid or expired. Sign in again.');
    }
    await this.sessions?.check(claims);
    const { sessionVersion: _, ...who } = claims;
    return { ...who, service: null, clientIp, requestId, language: DEFAULT_LANGUAGE };
  }
}

/** The per-request context of the gateway. */
export const contextFor = (identity: Identity, alone = false): GatewayContext => ({
  identity,
  requestId: identity.requestId!,
  alone,
});
