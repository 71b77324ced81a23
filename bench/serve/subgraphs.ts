/**
 * The five subgraphs on DATABASE_URL, for the benchmarks, started as the platform starts them:
 * each verifies identity tokens with an IdentityVerifier of its own name over the JWKS of the
 * platform gateway's internal listener (keys from DATA_DIR's secrets, which every gateway under
 * test signs with), and makes its scoped reads of others' data on that listener's service path.
 * The platform's public gateway itself is unused by the comparisons. Prints one JSON line with
 * the subgraphs' URLs, then serves until killed. With PLATFORM_WORKERS above 1 they run as that
 * many replicas sharing the ports (platform/workers.ts).
 */
import cluster from 'node:cluster';
import { readRoverConfig } from '../../schema/rover-config';
import { bootPlatform } from '../../platform/boot';
import { parseEnv } from '../../platform/config';
import { freePorts } from '../../platform/free-ports';
import { announceReady, runWorkers } from '../../platform/workers';

const names = readRoverConfig().subgraphs.map((s) => s.name);
const replicas = parseEnv(process.env).PLATFORM_WORKERS;
// Replicas share fixed ports, chosen once by the primary; a single process lets the OS pick.
const base = cluster.isPrimary ? (replicas > 1 ? await freePorts(names.length + 2) : 0) : Number(process.env.BENCH_BASE_PORT);
process.env.BENCH_BASE_PORT = String(base);
const env = parseEnv({
  ...process.env,
  GATEWAY_PORT: String(base),
  SUBGRAPH_BASE_PORT: String(base && base + 1),
  GATEWAY_INTERNAL_PORT: String(base && base + 1 + names.length),
  SEED: 'never',
  SAFELIST: 'off',
});

let stop: () => Promise<void>;
let subgraphUrls: Record<string, string>;
if (cluster.isPrimary && replicas > 1) {
  ({ stop } = await runWorkers(env, { seed: false, log: () => {} }));
  subgraphUrls = Object.fromEntries(names.map((name, i) => [name, `http://127.0.0.1:${base + 1 + i}/graphql`]));
} else {
  const platform = await bootPlatform({ env, seed: false });
  ({ stop } = platform);
  subgraphUrls = Object.fromEntries(platform.subgraphs.map((s) => [s.name, s.url]));
  announceReady(platform.gateway!.origin, platform.gateway!.url);
}
if (cluster.isPrimary) console.log(JSON.stringify({ ready: true, subgraphUrls }));
const shutdown = () => stop().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
