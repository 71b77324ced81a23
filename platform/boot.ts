import path from 'node:path';
import type pg from 'pg';
import { migrations as fileMigrations } from '../gateway/files/migrations/index';
import { PostgresFileStore } from '../gateway/files/store';
import { gatewaySettingsFromEnv } from './gateway-settings';
import { acceptedAtOnce, SIGN_INS_PER_SECOND } from '../subgraphs/identity/password-hashing';
import { startInternalListener, type InternalListener } from '../gateway/internal-listener';
import { startGateway, type RunningGateway } from '../gateway/server';
import { ServiceGrants } from '../gateway/service-calls';
import { registryAdminRouter } from '../registry/admin-routes';
import { builtinSpecs, openRegistry } from '../registry/platform';
import type { Registry } from '../registry/registry';
import { supergraphFromRegistry } from '../registry/supergraph-source';
import { ROOT } from '../core/root';
import { readRoverConfig } from '../schema/rover-config';
import { SUBGRAPHS } from '../subgraphs/index';
import { createDb, createPool } from '../subgraphs/kit/db';
import { IdentityIssuer, IdentityVerifier } from '../core/identity-tokens';
import { migrateToLatest } from '../subgraphs/kit/migrate';
import type { SubgraphDeps } from '../subgraphs/kit/module';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/server';
import { TokenIssuer, TokenVerifier } from '../core/session-tokens';
import { mailSettings, subgraphDatabaseUrl, subgraphReplicaUrl, type Env } from './config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../subgraphs/kit/embedded-postgres';
import { loadSecrets, type Secrets } from './secrets';
import { configureLogs } from '../core/log';
import { startTracing } from './telemetry';
import { openEventBus } from './event-bus';
import type { EventBus } from '../core/events';

export interface BootOptions {
  env: Env;
  /** Keep the embedded database and secrets in memory only (tests). */
  ephemeral?: boolean;
  /** Seed demo data into empty schemas. */
  seed: boolean;
  /** Start the servers; false only migrates (and seeds). */
  serve?: boolean;
  log?: (line: string) => void;
}

export interface Platform {
  gateway: RunningGateway | null;
  subgraphs: RunningSubgraph[];
  /** Where the database is (the embedded one's local URL, or DATABASE_URL). */
  databaseUrl: string;
  secrets: Secrets;
  /** The gateway's public keys and its internal path for subgraphs' reads (when serving). */
  jwksUrl: string | null;
  serviceUrl: string | null;
  /** The platform's events (core/events.ts): Redis Streams with REDIS_URL, else this process's. */
  events: EventBus;
  stop: () => Promise<void>;
}

/**
 * Boots the platform in one process: the database (embedded unless DATABASE_URL), every
 * subgraph's migrations (and demo data), the five subgraphs on their own ports, and the gateway
 * in front of them. Stops in reverse order.
 */
/**
 * Whether `npm start` seeds demo data: `SEED=always`, or `auto` on the embedded database; never in
 * production, whose accounts are made with `npm run admin -- create`.
 */
export const seedsDemoData = (env: Env) =>
  env.NODE_ENV !== 'production' && (env.SEED === 'always' || (env.SEED === 'auto' && !env.DATABASE_URL));

export async function bootPlatform(opts: BootOptions): Promise<Platform> {
  const { env } = opts;
  configureLogs({ level: env.LOG_LEVEL });
  if (opts.seed && env.NODE_ENV === 'production') {
    throw new Error('Demo data (accounts with a published password) is never seeded in production. Create the first admin with `npm run admin -- create`.');
  }
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(ROOT, env.DATA_DIR);
  const stops: { name: string; run: () => Promise<void> }[] = [];
  const onStop = (name: string, run: () => Promise<void>) => stops.push({ name, run });
  // Stops in reverse order of start: the gateway first (it refuses new requests and lets those in
  // flight finish, with the subgraph calls they make, for up to SHUTDOWN_GRACE_MS), then the
  // subgraphs, the internal listener, the pools, the database. A step that hangs is given up on
  // (the grace left, and at least 2 s), so a shutdown always ends. A second signal waits for the same stop.
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopInOrder());
  const stopInOrder = async () => {
    const deadline = Date.now() + env.SHUTDOWN_GRACE_MS;
    for (const { name, run } of [...stops].reverse()) {
      const t0 = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          console.error(`[platform] stopping ${name} takes too long; going on`);
          resolve();
        }, Math.max(deadline - Date.now(), 0) + 2_000);
      });
      await Promise.race([run().catch((e) => console.error(`[platform] stopping ${name}:`, e.message)), timeout]);
      clearTimeout(timer);
      if (process.env.EGOV_DEBUG_STOP) console.error(`[platform] stopped ${name} in ${Date.now() - t0} ms`);
    }
  };

  // Traces when OTEL_* say so; stopped last, so the spans of the shutdown are sent too.
  onStop('traces', startTracing(env, 'egov-platform').shutdown);

  try {
    const secrets = await loadSecrets(env, opts.ephemeral ? null : dataDir);
    const issuer = await IdentityIssuer.fromKeys(secrets.identityKeys);
    const tokens = await TokenIssuer.fromPem(secrets.jwtPrivateKey, env.JWT_TTL_SECONDS);

    let embedded: EmbeddedPostgres | null = null;
    if (!env.DATABASE_URL) {
      embedded = await startEmbeddedPostgres(opts.ephemeral ? null : path.join(dataDir, 'pglite'));
      onStop('embedded database', embedded.stop);
      log(`embedded PostgreSQL (PGlite) ${opts.ephemeral ? 'in memory' : `in ${path.join(dataDir, 'pglite')}`}`);
    }
    // On a real server every part (subgraph, files, registry) gets its own pool, so one busy
    // subgraph cannot starve the others of connections; the embedded database has one connection
    // for everything.
    const pools = new Map<string, pg.Pool>();
    const poolFor = (url: string, owner: string) => {
      const key = embedded ? url : `${owner} ${url}`;
      let pool = pools.get(key);
      if (!pool) {
        pool = createPool({ url, max: embedded ? 1 : 10, name: embedded ? 'embedded' : owner });
        pools.set(key, pool);
        onStop(`database pool ${embedded ? '' : owner}`.trim(), () => pool!.end());
      }
      return pool;
    };

    // The file store lives in its own `files` schema of the shared database.
    const filesDb = createDb<any>(poolFor(embedded?.url ?? env.DATABASE_URL!, 'files'), 'files');
    await migrateToLatest(filesDb, 'files', fileMigrations);
    const files = new PostgresFileStore(filesDb);

    const config = readRoverConfig();
    const production = env.NODE_ENV === 'production';
    // Closed after the subgraphs and the gateway stopped (stops run in reverse).
    const events = openEventBus(env, true)!;
    onStop('event bus', () => events.close());
    const built: { name: string; deps: SubgraphDeps }[] = [];
    for (const entry of config.subgraphs) {
      const module = SUBGRAPHS[entry.name];
      if (!module) throw new Error(`rover.yaml lists ${entry.name}, but subgraphs/index.ts has no such subgraph`);
      const url = embedded?.url ?? subgraphDatabaseUrl(env, entry.name)!;
      const db = createDb<any>(poolFor(url, entry.name), entry.name);
      const replica = embedded ? undefined : subgraphReplicaUrl(env, entry.name);
      const deps: SubgraphDeps = {
        db,
        publicReads: replica ? createDb<any>(poolFor(replica, `${entry.name} (replica)`), entry.name) : db,
        production,
        publicUrl: env.PUBLIC_URL,
        tokens,
        passwordHashConcurrency: env.PASSWORD_HASH_CONCURRENCY,
        passwordHashCost: env.PASSWORD_HASH_COST,
        mail: mailSettings(env),
        files,
        events,
      };
      await migrateToLatest(db, entry.name, module.migrations);
      built.push({ name: entry.name, deps });
    }
    if (opts.seed) {
      for (const { name, deps } of built) await SUBGRAPHS[name].seed?.(deps);
      log('demo data ready');
    }

    // The schema registry: rover.yaml's subgraphs registered (a new version only when changed),
    // plus whatever departments published at runtime.
    let registry: Registry | null = null;
    if (env.SUPERGRAPH_SOURCE === 'registry') {
      registry = await openRegistry(poolFor(embedded?.url ?? subgraphDatabaseUrl(env, 'registry')!, 'registry'));
      const { changed, supergraphVersion } = await registry.registerBuiltins(builtinSpecs(config));
      log(`schema registry: supergraph ${supergraphVersion}${changed.length ? ` (registered ${changed.join(', ')})` : ''}`);
    }

    const subgraphs: RunningSubgraph[] = [];
    let gateway: RunningGateway | null = null;
    let internal: InternalListener | null = null;
    if (opts.serve !== false) {
      // The gateway's internal listener first: subgraphs verify identities with the keys it publishes.
      internal = await startInternalListener({ issuer, host: env.INTERNAL_HOST, port: env.GATEWAY_INTERNAL_PORT });
      onStop('internal listener', internal.stop);
      const listener = internal;
      const ephemeralPorts = env.SUBGRAPH_BASE_PORT === 0;
      for (const [i, { name, deps }] of built.entries()) {
        const running = await startSubgraph(SUBGRAPHS[name].build(deps), {
          verifier: new IdentityVerifier({ audience: name, keys: internal.jwksUrl }),
          serviceUrl: internal.serviceUrl,
          production,
          host: env.HOST,
          port: ephemeralPorts ? 0 : env.SUBGRAPH_BASE_PORT + i,
        });
        onStop(`subgraph ${name}`, running.stop);
        subgraphs.push(running);
      }
      const settings = gatewaySettingsFromEnv(env);
      gateway = await startGateway({
        supergraphPath: path.resolve(ROOT, env.SUPERGRAPH_PATH),
        supergraph: registry ? supergraphFromRegistry(registry, env.REGISTRY_POLL_MS) : undefined,
        mount: registry ? (app, identify) => app.use(registryAdminRouter(registry!, identify)) : undefined,
        issuer,
        internal: listener,
        // Each subgraph may read exactly the documents it declares of others' data, nothing else.
        platformSubgraphs: config.subgraphs.map((s) => s.name),
        serviceGrants: new ServiceGrants(Object.fromEntries(built.map(({ name }) => [name, SUBGRAPHS[name].reads ?? []]))),
        verifier: await TokenVerifier.fromPem(secrets.jwtPublicKey),
        ...settings,
        // Identity runs here, so the gateway knows what it takes at once and refuses the rest first.
        protection: {
          ...settings.protection,
          passwordWorkInFlight: env.PASSWORD_WORK_IN_FLIGHT ?? acceptedAtOnce(env.PASSWORD_HASH_CONCURRENCY),
          passwordWorkPerSecond: env.PASSWORD_WORK_PER_SECOND ?? SIGN_INS_PER_SECOND,
        },
        subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
        files,
        events,
      });
      onStop('gateway', gateway.stop);
    }
    return {
      gateway,
      subgraphs,
      databaseUrl: embedded?.url ?? env.DATABASE_URL!,
      secrets,
      jwksUrl: internal?.jwksUrl ?? null,
      serviceUrl: internal?.serviceUrl ?? null,
      events,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
