import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from '../../core/root';
import { IDENTITY_HEADER } from '../../core/headers';
import { ANONYMOUS } from '../../core/identity';
import { identityFor, type BaselineGatewayOptions } from './baseline';

/** Hive Gateway is installed apart from the platform (`npm run bench:hive`), only for the benchmarks. */
export const HIVE_DIR = path.join(ROOT, 'bench', 'hive');
export const hiveInstalled = () => existsSync(path.join(HIVE_DIR, 'node_modules', '@graphql-hive', 'gateway'));

/**
 * What a user would pick instead of Apollo: Hive Gateway (`createGatewayRuntime` from
 * `@graphql-hive/gateway`, the runtime its CLI serves) with default settings on node:http, given the
 * supergraph file. Two additions: the subgraph URLs (the bench's subgraphs do not listen on the
 * supergraph's routing URLs) and, like stock's `willSendRequest`, the gateway-signed identity the
 * subgraphs require: the sign-in token (if any) is verified and signed once per request, anonymous
 * callers get a signed anonymous identity (re-signed every 30 s; it lives 60 s).
 *
 * The header goes through `propagateHeaders`, not an `onFetch` hook: Hive deduplicates identical
 * in-flight subgraph queries by default, and only headers set before its executor (as
 * propagateHeaders does) are part of that key. Set in `onFetch`, concurrent MyApplications of
 * different citizens shared one answer (93 of 100 wrong in a check).
 */
export async function startHiveGateway(opts: BaselineGatewayOptions): Promise<string> {
  // Resolved from bench/hive, not the platform's node_modules (untyped here, so tsc passes without it).
  const { createGatewayRuntime } = createRequire(path.join(HIVE_DIR, 'package.json'))('@graphql-hive/gateway');
  const signAnonymous = () => opts.signer.sign({ ...ANONYMOUS, service: null });
  let anonymous = await signAnonymous();
  setInterval(async () => (anonymous = await signAnonymous()), 30_000).unref();

  const runtime = createGatewayRuntime({
    supergraph: opts.supergraphPath,
    transportEntries: Object.fromEntries(Object.entries(opts.subgraphUrls).map(([name, location]) => [name, { location }])),
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }: any) => ({ [IDENTITY_HEADER]: context.identityToken ?? anonymous }),
    },
    plugins: () => [
      {
        async onContextBuilding({ context, extendContext }: any) {
          const authorization = context.request.headers.get('authorization');
          if (authorization) extendContext({ identityToken: await identityFor(opts, authorization) });
        },
      },
    ],
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${runtime.graphqlEndpoint}`;
}
