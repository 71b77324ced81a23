/**
 * One gateway under test, in its own process so its memory and CPU are its own:
 * `ours` (gateway/server.ts as deployed), `ours-nocache` (the same without the response cache),
 * `stock` (bench/serve/stock.ts), `hive` or `hive-rust` (bench/serve/hive.ts, needs `npm run bench:hive`).
 * Subgraph URLs come in BENCH_SUBGRAPH_URLS; prints its URL.
 */
import cluster from 'node:cluster';
import path from 'node:path';
import { parseEnv } from '../../platform/config';
import { freePorts } from '../../platform/free-ports';
import { loadSecrets } from '../../platform/secrets';
import { announceReady, replicaReady } from '../../platform/workers';
import { protectionFromEnv } from '../../platform/gateway-settings';
import { DEFAULT_RESPONSE_CACHE } from '../../gateway/response-cache';
import { startGateway } from '../../gateway/server';
import { MANIFEST_FILE, operationTexts } from '../../core/operations';
import { TrustedDocuments } from '../../gateway/trusted-documents';
import { ROOT } from '../../core/root';
import { SUPERGRAPH_FILE } from '../../schema/rover-config';
import { IdentityIssuer } from '../../core/identity-tokens';
import { startInternalListener } from '../../gateway/internal-listener';
import { ServiceGrants } from '../../gateway/service-calls';
import { TokenVerifier } from '../../core/session-tokens';
import { startStockGateway } from './stock';

const kind = process.argv[2];
const env = parseEnv(process.env);
const secrets = await loadSecrets(env, path.resolve(ROOT, env.DATA_DIR));
const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;
// The platform's keys (the same secrets file the subgraphs' process loaded): the subgraphs verify
// every gateway's tokens with the JWKS that process publishes.
const issuer = await IdentityIssuer.fromKeys(secrets.identityKeys);
const verifier = await TokenVerifier.fromPem(secrets.jwtPublicKey);

let url: string;
const replicas = kind === 'ours' ? env.PLATFORM_WORKERS : 1;
if (cluster.isPrimary && replicas > 1) {
  // `ours` on every core: replicas of this script sharing one port (as PLATFORM_WORKERS does for npm start).
  const port = await freePorts(1);
  const ready = await Promise.all(Array.from({ length: replicas }, () => replicaReady(cluster.fork({ BENCH_GATEWAY_PORT: String(port) }))));
  url = ready[0].url;
} else if (kind === 'stock') {
  url = await startStockGateway({ supergraphPath: SUPERGRAPH_FILE, subgraphUrls, issuer, verifier });
} else if (kind === 'hive' || kind === 'hive-rust') {
  // Loaded only here, so the other gateways' processes do not carry Hive's modules.
  const { startHiveGateway } = await import('./hive');
  url = await startHiveGateway({ supergraphPath: SUPERGRAPH_FILE, subgraphUrls, issuer, verifier }, kind === 'hive-rust' ? 'rust' : 'js');
} else {
  // Its internal listener is required but idle here: the subgraphs' own scoped reads go to the
  // platform gateway in their process (bench/serve/subgraphs.ts), whichever gateway is measured.
  const internal = await startInternalListener({ issuer, host: '127.0.0.1', port: 0 });
  const gw = await startGateway({
    supergraphPath: SUPERGRAPH_FILE,
    issuer,
    internal,
    serviceGrants: new ServiceGrants({}),
    platformSubgraphs: Object.keys(subgraphUrls),
    verifier,
    production: false,
    protection: protectionFromEnv(env),
    trusted: TrustedDocuments.fromFile(MANIFEST_FILE, 'off'),
    knownOperations: () => operationTexts(),
    subgraphUrls,
    files: { put: async () => Promise.reject(new Error('read-only')), head: async () => null, heads: async () => [], read: async () => null, remove: async () => 0 },
    responseCache: kind === 'ours-nocache' ? false : DEFAULT_RESPONSE_CACHE,
    port: Number(process.env.BENCH_GATEWAY_PORT ?? 0),
  });
  announceReady(gw.origin, gw.url);
  url = gw.url;
}
if (cluster.isPrimary) console.log(JSON.stringify({ ready: true, url }));
process.on('SIGTERM', () => {
  for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  process.exit(0);
});
