import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { IdentityVerifier } from '../../core/identity-tokens';
import { ROOT } from '../../core/root';
import { createDb, createPool } from './db';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateToLatest } from './migrate';
import type { SubgraphDeps, SubgraphModule } from './module';
import { startSubgraph, type RunningSubgraph } from './server';

/**
 * A department's subgraph outside the platform process (it is published to the schema registry,
 * not listed in rover.yaml): migrate its own schema, optionally seed, and listen. It is given the
 * gateway's public keys (a JWKS URL) and its own name, and nothing secret. Tests call this with a
 * database of their own.
 */
export async function startDepartmentSubgraph(opts: {
  module: SubgraphModule;
  db: Kysely<any>;
  /** The gateway's JWKS (its internal listener's `/.well-known/jwks.json`). */
  jwksUrl: string;
  /** The gateway's internal path for reads of other subgraphs' data it is granted. */
  serviceUrl: string;
  seed: boolean;
  production?: boolean;
  host?: string;
  port?: number;
}): Promise<RunningSubgraph> {
  const { module } = opts;
  await migrateToLatest(opts.db, module.name, module.migrations);
  // Department subgraphs get their database; sign-in tokens and the file store are the platform's.
  const deps = { db: opts.db, publicReads: opts.db, production: opts.production ?? false, publicUrl: undefined, events: null } as Partial<SubgraphDeps> as SubgraphDeps;
  if (opts.seed) await module.seed?.(deps);
  return startSubgraph(module.build(deps), {
    verifier: new IdentityVerifier({ audience: module.name, keys: opts.jwksUrl }),
    serviceUrl: opts.serviceUrl,
    production: deps.production,
    host: opts.host,
    port: opts.port,
  });
}

/** What a department's subgraph is configured with: nothing secret. */
const departmentEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** The name it is published under; identity tokens for any other name are refused. */
  SUBGRAPH_NAME: z.string().optional(),
  /** The gateway's public keys. */
  IDENTITY_JWKS_URL: z.string().url().default('http://127.0.0.1:4100/.well-known/jwks.json'),
  /** The gateway's internal path for granted reads of other subgraphs' data. */
  GATEWAY_SERVICE_URL: z.string().url().default('http://127.0.0.1:4100/service/graphql'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  HOST: z.string().default('127.0.0.1'),
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SEED: z.enum(['auto', 'always', 'never']).default('auto'),
});

/**
 * `npx tsx subgraphs/<name>/index.ts`: runs a department subgraph on SUBGRAPH_PORT, on
 * DATABASE_URL or an embedded PGlite of its own under DATA_DIR/<name>, verifying the identity
 * the gateway signs with the keys at IDENTITY_JWKS_URL.
 */
export async function runDepartmentSubgraph(module: SubgraphModule): Promise<void> {
  const parsed = departmentEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const env = parsed.data;
  if (env.SUBGRAPH_NAME && env.SUBGRAPH_NAME !== module.name) {
    throw new Error(`Invalid configuration:\n  SUBGRAPH_NAME: this subgraph is ${module.name}, not ${env.SUBGRAPH_NAME}`);
  }
  const dataDir = path.resolve(ROOT, env.DATA_DIR);
  const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres(path.join(dataDir, module.name, 'pglite'));
  const pool = createPool({ url: embedded?.url ?? env.DATABASE_URL!, max: embedded ? 1 : 10, name: module.name });
  const running = await startDepartmentSubgraph({
    module,
    db: createDb<any>(pool, module.name),
    jwksUrl: env.IDENTITY_JWKS_URL,
    serviceUrl: env.GATEWAY_SERVICE_URL,
    seed: env.SEED === 'always' || (env.SEED === 'auto' && !!embedded),
    production: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.SUBGRAPH_PORT,
  });
  console.log(`[${module.name}] listening at ${running.url}; publish it with your department's registry credential:`);
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
