import cluster from 'node:cluster';
import { ensurePortalBuilt } from '../clients/web/build';
import { parseEnv } from '../platform/config';
import { bootPlatform, seedsDemoData } from '../platform/boot';
import { announceReady, runWorkers } from '../platform/workers';
import { closeIdleConnectionsFirst } from '../core/keep-alive';

/**
 * `npm start`: the whole platform, in one process, or in PLATFORM_WORKERS replicas sharing its
 * ports (platform/workers.ts). On the embedded default an empty database gets demo data (never in
 * production: `npm run admin -- create` makes its first admin);
 * Ctrl-C (or SIGTERM) stops in order (platform/boot.ts): the gateway refuses new requests and
 * lets those in flight finish (SHUTDOWN_GRACE_MS), then the subgraphs, the pools and the
 * database stop, and the process exits. `npm start` execs node itself (package.json), so the
 * signal reaches this process and nothing is left behind; not the tsx CLI, whose signal relay
 * SIGKILLs a child that does not acknowledge within 30 ms (a busy one), mid-request.
 */
closeIdleConnectionsFirst();
const env = parseEnv();
const log = (line: string) => console.log(`[platform${cluster.isWorker ? ` ${process.pid}` : ''}] ${line}`);
const seed = seedsDemoData(env);

// The production build (`npm run build`) has built the portal already and runs without Vite.
if (cluster.isPrimary && process.env.EGOV_BUILD !== 'production') {
  // The web portal the gateway serves at `/`: built when missing or stale, skipped when fresh.
  try {
    ensurePortalBuilt(log);
  } catch (err) {
    console.warn(`[platform] the web portal could not be built, the graph still starts: ${(err as Error).message}`);
  }
}

let stop: () => Promise<void>;
let origin: string;
let url: string;
if (cluster.isPrimary && env.PLATFORM_WORKERS > 1) {
  const workers = await runWorkers(env, { seed, log });
  ({ stop, origin, url } = workers);
} else {
  const platform = await bootPlatform({ env, seed: seed && cluster.isPrimary, log });
  for (const s of platform.subgraphs) log(`subgraph ${s.name} at ${s.url}`);
  log(`gateway's internal listener (JWKS, subgraphs' reads, /metrics; never expose it): ${platform.jwksUrl}`);
  ({ stop } = platform);
  ({ origin, url } = platform.gateway!);
  announceReady(origin, url);
}
if (cluster.isPrimary) {
  console.log(`\n  The platform is up. Open ${origin}/ in a browser for the portal, ${origin}/explorer for the explorer (GraphQL at ${url}).\n`);
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping…`);
  // Whatever hangs, the process ends: the grace for requests in flight, then a little for the rest.
  setTimeout(() => {
    console.error('[platform] did not stop in time; exiting');
    process.exit(1);
  }, env.SHUTDOWN_GRACE_MS + 15_000).unref();
  await stop();
  log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
