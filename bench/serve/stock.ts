import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_HEADER, callerFor, signedHeaders, type BaselineGatewayOptions } from './baseline';

interface StockContext {
  caller?: string;
}

/**
 * The baseline every Apollo user knows: `@apollo/gateway` + `@apollo/server` with default settings,
 * `startStandaloneServer`, the default `RemoteGraphQLDataSource` and its default fetcher. The only
 * additions are what makes the subgraphs answer at all, which every gateway in front of them pays
 * for: the context verifies the sign-in token (if any), and each subgraph call gets its own
 * identity token for that subgraph and its exact body, made in a fetcher wrapped around the
 * default one (the only step that sees the final bytes).
 */
export async function startStockGateway(opts: BaselineGatewayOptions): Promise<string> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(opts.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => {
      const source = new (class extends RemoteGraphQLDataSource<StockContext> {
        override willSendRequest({ request, context }: any) {
          if (context?.caller) request.http.headers.set(CALLER_HEADER, context.caller);
        }
      })({ url: opts.subgraphUrls[name] ?? url });
      const fetchDefault = source.fetcher;
      source.fetcher = (async (url: string, init: { headers: Record<string, string>; body: string }) =>
        fetchDefault(url, { ...init, headers: await signedHeaders(opts, name, init.headers, init.body) } as never)) as typeof fetchDefault;
      return source;
    },
  });
  const server = new ApolloServer<StockContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ caller: await callerFor(opts, req.headers.authorization) }),
  });
  return url.replace('localhost', '127.0.0.1');
}
