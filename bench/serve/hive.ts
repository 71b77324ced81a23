import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from '../../core/root';
import { ANONYMOUS_CALLER, CALLER_HEADER, callerFor, signedHeaders, type BaselineGatewayOptions } from './baseline';

/** Hive Gateway is installed apart from the platform (`npm run bench:hive`), only for the benchmarks. */
export const HIVE_DIR = path.join(ROOT, 'bench', 'hive');
export const hiveInstalled = () => existsSync(path.join(HIVE_DIR, 'node_modules', '@graphql-hive', 'gateway'));

/**
 * What a user would pick instead of Apollo: Hive Gateway (with its JavaScript planner, or with
 * `planner = 'rust'` the Rust one of @graphql-hive/router-runtime) (`createGatewayRuntime` from
 * `@graphql-hive/gateway`, the runtime its CLI serves) with default settings on node:http, given the
 * supergraph file. Two additions: the subgraph URLs (the bench's subgraphs do not listen on the
 * supergraph's routing URLs) and, as for stock and ours, what the subgraphs require of every call:
 * the sign-in token (if any) is verified once per request, and each subgraph call gets its own
 * identity token for that subgraph (known by its URL) and its exact body, made in an `onFetch`
 * hook, the one step that sees both.
 *
 * The caller reaches `onFetch` as a header set by `propagateHeaders`, not read from the context
 * there: Hive deduplicates identical in-flight subgraph queries by default, and only headers set
 * before its executor (as propagateHeaders does) are part of that key. Without the caller in the
 * key, concurrent MyApplications of different citizens shared one answer (93 of 100 wrong in a
 * check). With it, a deduplicated call is one fetch with one token, as in ours.
 */
export async function startHiveGateway(opts: BaselineGatewayOptions, planner: 'js' | 'rust' = 'js'): Promise<string> {
  // Resolved from bench/hive, not the platform's node_modules (untyped here, so tsc passes without it).
  const hiveRequire = createRequire(path.join(HIVE_DIR, 'package.json'));
  const { createGatewayRuntime } = hiveRequire('@graphql-hive/gateway');
  // `rust`: the query planner of Hive Router (Rust, in @graphql-hive/router-runtime) in place of
  // the JavaScript one, as Hive's docs configure it: the strongest Node peer.
  const rust = planner === 'rust' ? { unifiedGraphHandler: hiveRequire('@graphql-hive/router-runtime').unifiedGraphHandler } : {};
  const subgraphOf = new Map(Object.entries(opts.subgraphUrls).map(([name, url]) => [url, name]));

  const runtime = createGatewayRuntime({
    ...rust,
    supergraph: opts.supergraphPath,
    transportEntries: Object.fromEntries(Object.entries(opts.subgraphUrls).map(([name, location]) => [name, { location }])),
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }: any) => ({ [CALLER_HEADER]: context.caller ?? ANONYMOUS_CALLER }),
    },
    plugins: () => [
      {
        async onContextBuilding({ context, extendContext }: any) {
          const authorization = context.request.headers.get('authorization');
          if (authorization) extendContext({ caller: await callerFor(opts, authorization) });
        },
        async onFetch({ url, options, setOptions }: any) {
          const name = subgraphOf.get(url);
          if (!name || typeof options.body !== 'string') return;
          setOptions({ ...options, headers: await signedHeaders(opts, name, options.headers ?? {}, options.body) });
        },
      },
    ],
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${runtime.graphqlEndpoint}`;
}
