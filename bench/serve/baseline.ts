import { IDENTITY_HEADER } from '../../core/headers';
import { ANONYMOUS, type Identity } from '../../core/identity';
import type { IdentityIssuer } from '../../core/identity-tokens';
import type { TokenVerifier } from '../../core/session-tokens';

/** What the gateways the bench compares ours with (stock, Hive) are given. */
export interface BaselineGatewayOptions {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  /** The platform's identity keys: every subgraph call needs its own token, as ours makes. */
  issuer: IdentityIssuer;
  verifier: TokenVerifier;
}

/**
 * Carries the caller's (already verified) identity from a baseline's request context to the point
 * where the exact subgraph body is known, and is replaced there by the signed token: a token can
 * only be made once the body is final, and neither baseline hands its fetch step the context.
 * Never leaves the gateway's process.
 */
export const CALLER_HEADER = 'x-bench-caller';

/** The gateway's own calls without a client request (as ours signs them). */
export const GATEWAY_CALLER = JSON.stringify({ ...ANONYMOUS, service: 'gateway' } satisfies Identity);
export const ANONYMOUS_CALLER = JSON.stringify(ANONYMOUS);

/** The caller of a request's `Authorization` header, as CALLER_HEADER: its sign-in token verified, or anonymous. */
export async function callerFor(opts: BaselineGatewayOptions, authorization: string | null | undefined): Promise<string> {
  const bearer = authorization?.split(' ')[1];
  if (!bearer) return ANONYMOUS_CALLER;
  return JSON.stringify({ ...ANONYMOUS, ...(await opts.verifier.verify(bearer)) } satisfies Identity);
}

/** Headers of a subgraph call with CALLER_HEADER swapped for an identity token for `audience` and exactly `body`. */
export async function signedHeaders(
  opts: BaselineGatewayOptions,
  audience: string,
  headers: Record<string, string>,
  body: string,
): Promise<Record<string, string>> {
  const { [CALLER_HEADER]: caller, ...rest } = headers;
  const identity = JSON.parse(caller ?? GATEWAY_CALLER) as Identity;
  return { ...rest, [IDENTITY_HEADER]: await opts.issuer.sign(identity, audience, body) };
}
