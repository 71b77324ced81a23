import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER } from '../core/headers';
import { ANONYMOUS, type Identity, type IdentitySigner } from '../core/identity';
import type { TokenVerifier } from '../core/session-tokens';
import type { GatewayContext } from './context';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Turns an HTTP request into the caller's identity: a citizen's or staff member's sign-in token
 * (`Authorization: Bearer`), a subgraph asking the graph with a service identity, or nobody.
 * A token that is present but not valid is refused, never downgraded to anonymous.
 */
export class Authenticator {
  constructor(private readonly verifier: TokenVerifier, private readonly signer: IdentitySigner) {}

  async identify(req: Request): Promise<Identity> {
    const requestId = req.header('x-request-id')?.slice(0, 64) || randomUUID();
    const clientIp = req.socket.remoteAddress ?? null;
    const auth = req.header('authorization');
    if (auth) {
      const [scheme, token] = auth.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Use `Authorization: Bearer <token>`.');
      try {
        const claims = await this.verifier.verify(token);
        return { ...claims, service: null, clientIp, requestId };
      } catch {
        throw unauthenticated('The sign-in token is invalid or expired. Sign in again.');
      }
    }
    const internal = req.header(IDENTITY_HEADER);
    if (internal) {
      try {
        const identity = await this.signer.verify(internal);
        if (identity.service) return { ...identity, requestId };
      } catch {
        // fall through
      }
      throw unauthenticated('Invalid service identity.');
    }
    return { ...ANONYMOUS, clientIp, requestId };
  }

  /** The per-request context: the identity, signed once for every subgraph call of the request. */
  async contextFor(identity: Identity, wantDiagnostics: boolean): Promise<GatewayContext> {
    return {
      identity,
      identityToken: await this.signer.sign(identity),
      requestId: identity.requestId!,
      diagnostics: {},
      wantDiagnostics,
    };
  }
}
