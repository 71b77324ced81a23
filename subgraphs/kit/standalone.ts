import path from 'node:path';
import type { Kysely } from 'kysely';
import { parseEnv } from '../../platform/config';
import { startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { loadSecrets } from '../../platform/secrets';
import { ROOT } from '../../core/root';
import { createDb, createPool } from './db';
import { GraphClient } from './graph-client';
import { IdentitySigner } from '../../core/identity';
import { migrateToLatest } from './migrate';
import type { SubgraphDeps, SubgraphModule } from './module';
import { startSubgraph, type RunningSubgraph } from './server';

/**
 * A department's subgraph outside the platform process (it is published to the schema registry,
 * not listed in rover.yaml): migrate its own schema, optionally seed, and listen. Tests call this
 * with a database of their own.
 */
export async function startDepartmentSubgraph(opts: {
  module: SubgraphModule;
  db: Kysely<any>;
  signer: IdentitySigner;
  gatewayUrl: string;
  seed: boolean;
  production?: boolean;
  host?: string;
  port?: number;
}): Promise<RunningSubgraph> {
  const { module } = opts;
  await migrateToLatest(opts.db, module.name, module.migrations);
  // Department subgraphs get the database and the graph; sign-in tokens and the file store are the platform's.
  const deps = {
    db: opts.db,
    production: opts.production ?? false,
    graph: new GraphClient(module.name, opts.signer, () => opts.gatewayUrl),
  } as SubgraphDeps;
  if (opts.seed) await module.seed?.(deps);
  return startSubgraph(module.build(deps), { signer: opts.signer, production: deps.production, host: opts.host, port: opts.port });
}

/**
 * `npx tsx subgraphs/<name>/index.ts`: runs a department subgraph with the platform's settings
 * (INTERNAL_SECRET, or the dev secret under DATA_DIR), on SUBGRAPH_PORT, on DATABASE_URL or an
 * embedded PGlite of its own under DATA_DIR/<name>.
 */
export async function runDepartmentSubgraph(module: SubgraphModule): Promise<void> {
  const env = parseEnv();
  const dataDir = path.resolve(ROOT, env.DATA_DIR);
  const secrets = await loadSecrets(env, dataDir);
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(path.join(dataDir, module.name, 'pglite'));
  const pool = createPool({ url: embedded?.url ?? env.DATABASE_URL!, max: embedded ? 1 : 10 });
  const running = await startDepartmentSubgraph({
    module,
    db: createDb<any>(pool, module.name),
    signer: new IdentitySigner(secrets.internalSecret),
    gatewayUrl: `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`,
    seed: env.SEED === 'always' || (env.SEED === 'auto' && !!embedded),
    production: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.SUBGRAPH_PORT,
  });
  console.log(`[${module.name}] listening at ${running.url}; publish it with:`);
  console.log(`  npm run subgraph -- publish --name ${module.name} --schema subgraphs/${module.name}/schema.graphql --url ${running.url}`);
  const stop = async () => {
    await running.stop();
    await pool.end();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
