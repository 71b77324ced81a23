import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '../core/headers';
import { log } from '../core/log';
import { ANONYMOUS, type Identity } from '../core/identity';
import type { IdentityIssuer } from '../core/identity-tokens';
import type { GatewayContext } from './context';
import { SUBGRAPH_UNAVAILABLE } from './retryable';
import { subgraphFetcher } from './subgraph-fetcher';
import { subgraphCalls } from './metrics';

/** The gateway's own calls without a client request (health checks, schema loading). */
const GATEWAY: Identity = { ...ANONYMOUS, service: 'gateway' };

/**
 * A subgraph call: carries an identity token signed for this subgraph and this very body, the
 * request id and the trace context (the fetcher adds it). The token is made by the fetcher, which alone sees the exact bytes sent; the caller
 * reaches it through an AsyncLocalStorage scope around `process`, Apollo's public entry point.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly caller = new AsyncLocalStorage<{ identity: Identity; alone: boolean }>();

  constructor(readonly name: string, url: string, issuer: IdentityIssuer, timeoutMs: number, opts: { hearsAddress: boolean }) {
    super({ url });
    // A department's subgraph is a third party: the caller's address is personal data it does
    // not need. Only the platform's own subgraphs hear it (per-address sign-in limits).
    const scope = opts.hearsAddress ? (who: Identity) => who : (who: Identity) => (who.clientIp ? { ...who, clientIp: null } : who);
    // Pooled keep-alive connections to the subgraph; each call gets a deadline.
    this.fetcher = subgraphFetcher(timeoutMs, {
      caller: () => scope(this.caller.getStore()?.identity ?? GATEWAY),
      alone: () => this.caller.getStore()?.alone ?? false,
      sign: (identity, body, deadline) => issuer.sign(identity, name, body, deadline),
    }, name) as unknown as RemoteGraphQLDataSource['fetcher'];
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const context = options.context as Partial<GatewayContext> | undefined;
    return this.caller.run({ identity: context?.identity ?? GATEWAY, alone: context?.alone ?? false }, () => super.process(options));
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
  /**
   * A subgraph that cannot be reached (its process restarting, a deadline passed, a proxy's 502–504)
   * is a passing failure: SUBGRAPH_UNAVAILABLE, retryable (a 503 when nothing else was answered),
   * never an internal error. Its name and address stay in the logs.
   */
  override didEncounterError(error: Error, _req: unknown, response?: { status: number }) {
    if (!response || (response.status >= 502 && response.status <= 504)) {
      log.warn({ component: 'gateway', subgraph: this.name, reason: (error as { cause?: Error }).cause?.message ?? error.message }, 'subgraph unreachable');
      throw new GraphQLError('Part of the service is briefly unavailable. Try again in a moment.', { extensions: { code: SUBGRAPH_UNAVAILABLE } });
    }
    throw error;
  }

  override didReceiveResponse({ response }: { response: GatewayGraphQLResponse; context: GatewayContext }) {
    if (response.errors?.length) subgraphCalls.errors.inc({ subgraph: this.name, kind: 'graphql' });
    return response;
  }
}
