import { ensurePortalBuilt } from '../clients/web/build';
import { parseEnv } from '../platform/config';
import { bootPlatform } from '../platform/boot';

/**
 * `npm start`: the whole platform in one process. On the embedded default an empty database gets
 * demo data; Ctrl-C (or SIGTERM) lets in-flight requests finish, closes the database, and exits.
 */
const env = parseEnv();
// The web portal the gateway serves at `/`: built when missing or stale, skipped when fresh.
try {
  ensurePortalBuilt((line) => console.log(`[platform] ${line}`));
} catch (err) {
  console.warn(`[platform] the web portal could not be built, the graph still starts: ${(err as Error).message}`);
}
const platform = await bootPlatform({
  env,
  seed: env.SEED === 'always' || (env.SEED === 'auto' && !env.DATABASE_URL),
  log: (line) => console.log(`[platform] ${line}`),
});
for (const s of platform.subgraphs) console.log(`[platform] subgraph ${s.name} at ${s.url}`);
console.log(`\n  The platform is up. Open ${platform.gateway!.origin}/ in a browser for the portal, ${platform.gateway!.origin}/explorer for the explorer (GraphQL at ${platform.gateway!.url}).\n`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[platform] ${signal}: stopping…`);
  await platform.stop();
  console.log('[platform] stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
