import { ANONYMOUS, type IdentitySigner } from '../../core/identity';
import type { TokenVerifier } from '../../core/session-tokens';

/** What the gateways the bench compares ours with (stock, Hive) are given. */
export interface BaselineGatewayOptions {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  signer: IdentitySigner;
  verifier: TokenVerifier;
}

/**
 * The gateway-signed identity the subgraphs require, for a request's `Authorization` header: its
 * sign-in token verified and signed for the subgraphs, or an anonymous identity without one.
 */
export async function identityFor(opts: BaselineGatewayOptions, authorization: string | null | undefined): Promise<string> {
  const bearer = authorization?.split(' ')[1];
  const claims = bearer ? await opts.verifier.verify(bearer) : null;
  return opts.signer.sign({ ...ANONYMOUS, ...claims });
}
