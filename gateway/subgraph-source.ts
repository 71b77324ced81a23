import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { IDENTITY_HEADER } from '../core/headers';
import { DIAGNOSTICS_HEADER } from '../core/headers';
import type { GatewayContext } from './context';
import { subgraphFetcher } from './subgraph-fetcher';

/**
 * A subgraph call: carries the gateway-signed identity and the request id, and tallies what
 * the call cost so tests can prove a page of 100 costs what a page of 1 does.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(readonly name: string, url: string, private readonly anonymousToken: () => Promise<string>, timeoutMs: number) {
    // Pooled keep-alive connections to the subgraph; each call gets a deadline.
    super({ url, fetcher: subgraphFetcher(timeoutMs) as unknown as RemoteGraphQLDataSource['fetcher'] });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Health checks and schema loading run without a request context: they go as anonymous.
    const token = context?.identityToken ?? (await this.anonymousToken());
    request.http?.headers.set(IDENTITY_HEADER, token);
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
    // A diagnostics request measures real work, in the subgraphs as in the response cache.
    if (context?.wantDiagnostics) request.http?.headers.set(DIAGNOSTICS_HEADER, '1');
  }

  override didReceiveResponse({ response, context }: { response: GatewayGraphQLResponse; context: GatewayContext }) {
    const ctx = context as Partial<GatewayContext> | undefined;
    if (ctx?.diagnostics) {
      const d = (ctx.diagnostics[this.name] ??= { fetches: 0, sqlStatements: 0 });
      d.fetches += 1;
      d.sqlStatements += Number(response.extensions?.sqlStatements ?? 0);
    }
    return response;
  }
}
