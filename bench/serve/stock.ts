import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { IDENTITY_HEADER } from '../../core/headers';
import { ANONYMOUS } from '../../core/identity';
import { identityFor, type BaselineGatewayOptions } from './baseline';

/**
 * The baseline every Apollo user knows: `@apollo/gateway` + `@apollo/server` with default settings,
 * `startStandaloneServer`, the default `RemoteGraphQLDataSource`. The only addition is the smallest
 * `willSendRequest` that makes the subgraphs answer at all: they refuse any request without the
 * gateway-signed identity header, so the context verifies the sign-in token (if any) and signs it.
 */
export async function startStockGateway(opts: BaselineGatewayOptions): Promise<string> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(opts.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new (class extends RemoteGraphQLDataSource<{ identityToken?: string }> {
        override async willSendRequest({ request, context }: any) {
          request.http.headers.set(IDENTITY_HEADER, context?.identityToken ?? (await opts.signer.sign({ ...ANONYMOUS, service: 'gateway' })));
        }
      })({ url: opts.subgraphUrls[name] ?? url }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ identityToken: await identityFor(opts, req.headers.authorization) }),
  });
  return url.replace('localhost', '127.0.0.1');
}
