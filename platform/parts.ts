import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { sql } from 'kysely';
import type pg from 'pg';
import { ROOT } from '../core/root';
import { IdentityIssuer, IdentityVerifier } from '../core/identity-tokens';
import { TokenIssuer, TokenVerifier } from '../core/session-tokens';
import { Authenticator } from '../gateway/auth';
import { openEventBus } from './event-bus';
import { migrations as fileMigrations } from '../gateway/files/migrations/index';
import { PostgresFileStore } from '../gateway/files/store';
import { startInternalListener } from '../gateway/internal-listener';
import { RateLimiter } from '../gateway/rate-limit';
import { startGateway } from '../gateway/server';
import { ServiceGrants } from '../gateway/service-calls';
import { registryAdminRouter } from '../registry/admin-routes';
import { builtinSpecs, openRegistry } from '../registry/platform';
import { supergraphFeedRouter } from '../registry/supergraph-routes';
import { supergraphFeedOverHttp, supergraphFromRegistry } from '../registry/supergraph-source';
import { readRoverConfig } from '../schema/rover-config';
import { SUBGRAPHS } from '../subgraphs/index';
import { createDb, createPool } from '../subgraphs/kit/db';
import { migrateToLatest } from '../subgraphs/kit/migrate';
import type { SubgraphDeps } from '../subgraphs/kit/module';
import { startSubgraph } from '../subgraphs/kit/server';
import { mailSettings, subgraphDatabaseUrl, subgraphReplicaUrl, type Env } from './config';
import { gatewaySettingsFromEnv, protectionFromEnv } from './gateway-settings';
import { configureLogs } from '../core/log';
import { startTracing } from './telemetry';
import { introspectSession, SESSION_PATH } from '../core/session-introspection';

/**
 * One part of the platform in a process of its own (`node dist/part.js <part>`, the image's
 * command): the gateway, a built-in subgraph, or the schema registry. A part knows the others
 * only by URL (the subgraphs' routing URLs are in the supergraph the registry serves; a subgraph
 * knows the gateway's JWKS and internal path; a gateway knows the registry), has its own database
 * URL, holds only the keys its job needs, and answers `/health` (alive) and `/ready` (can serve).
 */
export type PartName = 'gateway' | 'registry' | (string & {});

export interface RunningPart {
  part: PartName;
  /** Where it serves (the gateway's public origin, a subgraph's `/graphql`, the registry's origin). */
  url: string;
  stop: () => Promise<void>;
}

export const PARTS = ['gateway', 'registry', ...Object.keys(SUBGRAPHS)] as const;

type Stops = (() => Promise<void>)[];
const stopAll = (stops: Stops) => async () => {
  for (const stop of [...stops].reverse()) await stop().catch((err: Error) => console.error('[part] while stopping:', err.message));
};

function required(env: Env, names: (keyof Env)[], part: string): void {
  const missing = names.filter((n) => !env[n]);
  if (missing.length) throw new Error(`Invalid configuration:\n  ${missing.join(', ')}: required by the ${part} part`);
}

function pool(url: string, env: Env, stops: Stops, name: string): pg.Pool {
  const p = createPool({ url, max: env.DATABASE_POOL_MAX, name });
  stops.push(() => p.end());
  return p;
}

export async function startPart(part: PartName, env: Env, log: (line: string) => void = console.log): Promise<RunningPart> {
  configureLogs({ level: env.LOG_LEVEL });
  const stops: Stops = [startTracing(env, `egov-${part}`).shutdown];
  try {
    if (part === 'gateway') return await startGatewayPart(env, stops, log);
    if (part === 'registry') return await startRegistryPart(env, stops, log);
    if (SUBGRAPHS[part]) return await startSubgraphPart(part, env, stops);
    throw new Error(`Unknown part ${part}: one of ${PARTS.join(', ')}`);
  } catch (err) {
    await stopAll(stops)();
    throw err;
  }
}

/** A built-in subgraph: its own database (migrated at start), the gateway's JWKS, nothing else of the gateway. */
async function startSubgraphPart(name: string, env: Env, stops: Stops): Promise<RunningPart> {
  const module = SUBGRAPHS[name];
  const databaseUrl = subgraphDatabaseUrl(env, name);
  if (!databaseUrl) throw new Error(`Invalid configuration:\n  ${name.toUpperCase()}_DATABASE_URL or DATABASE_URL: required by the ${name} part`);
  const db = createDb<any>(pool(databaseUrl, env, stops, name), name);
  // Only identity signs sign-in tokens; the others never hold the key.
  if (name === 'identity') required(env, ['JWT_PRIVATE_KEY'], name);
  const filesUrl = env.FILES_DATABASE_URL ?? env.DATABASE_URL;
  const replica = subgraphReplicaUrl(env, name);
  const events = openEventBus(env, false);
  if (events) stops.push(() => events.close());
  const deps: SubgraphDeps = {
    db,
    publicReads: replica ? createDb<any>(pool(replica, env, stops, `${name} (replica)`), name) : db,
    production: env.NODE_ENV === 'production',
    publicUrl: env.PUBLIC_URL,
    tokens: (name === 'identity' ? await TokenIssuer.fromPem(env.JWT_PRIVATE_KEY!, env.JWT_TTL_SECONDS) : undefined) as TokenIssuer,
    passwordHashConcurrency: env.PASSWORD_HASH_CONCURRENCY,
    passwordHashCost: env.PASSWORD_HASH_COST,
    mail: mailSettings(env),
    // The file store's rows (forms, attachments) are checked where they are used; the gateway migrates its schema.
    files: (filesUrl ? new PostgresFileStore(createDb<any>(pool(filesUrl, { ...env, DATABASE_POOL_MAX: 2 }, stops, 'files'), 'files')) : undefined) as PostgresFileStore,
    events,
  };
  await migrateToLatest(db, name, module.migrations);
  if (env.SEED === 'always') await module.seed?.(deps);
  const running = await startSubgraph(module.build(deps), {
    verifier: new IdentityVerifier({ audience: name, keys: env.IDENTITY_JWKS_URL }),
    serviceUrl: env.GATEWAY_SERVICE_URL,
    production: deps.production,
    host: env.HOST,
    port: env.SUBGRAPH_PORT,
    metrics: true,
  });
  stops.push(running.stop);
  return { part: name, url: running.url, stop: stopAll(stops) };
}

/**
 * A gateway: its keys (it signs identities, verifies sign-ins), the file store's database, and
 * the registry's URL (or the committed supergraph file). Several run side by side behind a load
 * balancer, sharing rate limits and cache invalidation through REDIS_URL.
 */
async function startGatewayPart(env: Env, stops: Stops, log: (line: string) => void): Promise<RunningPart> {
  required(env, ['IDENTITY_SIGNING_KEYS', 'JWT_PUBLIC_KEY'], 'gateway');
  const filesUrl = env.FILES_DATABASE_URL ?? env.DATABASE_URL;
  if (!filesUrl) throw new Error('Invalid configuration:\n  FILES_DATABASE_URL or DATABASE_URL: required by the gateway part (its file store)');
  const issuer = await IdentityIssuer.fromKeys(env.IDENTITY_SIGNING_KEYS!);
  const filesDb = createDb<any>(pool(filesUrl, env, stops, 'files'), 'files');
  await migrateToLatest(filesDb, 'files', fileMigrations);
  const feed = env.REGISTRY_URL ? supergraphFeedOverHttp(env.REGISTRY_URL) : null;
  if (feed) await waitFor('the registry', () => feed.latestVersion().then((v) => v !== null), log);
  const internal = await startInternalListener({ issuer, host: env.INTERNAL_HOST, port: env.GATEWAY_INTERNAL_PORT });
  stops.push(internal.stop);
  const events = openEventBus(env, false);
  if (events) stops.push(() => events.close());
  const gateway = await startGateway({
    supergraphPath: path.resolve(ROOT, env.SUPERGRAPH_PATH),
    supergraph: feed ? supergraphFromRegistry(feed, env.REGISTRY_POLL_MS) : undefined,
    issuer,
    internal,
    platformSubgraphs: readRoverConfig().subgraphs.map((s) => s.name),
    serviceGrants: new ServiceGrants(Object.fromEntries(Object.entries(SUBGRAPHS).map(([name, m]) => [name, m.reads ?? []]))),
    verifier: await TokenVerifier.fromPem(env.JWT_PUBLIC_KEY!),
    ...gatewaySettingsFromEnv(env),
    files: new PostgresFileStore(filesDb),
    events,
  });
  stops.push(gateway.stop);
  return { part: 'gateway', url: gateway.origin, stop: stopAll(stops) };
}

/**
 * The schema registry: registers rover.yaml's subgraphs at their routing URLs
 * (`<NAME>_ROUTING_URL`), serves departments and admins on `/admin` (admins by sign-in token,
 * verified with JWT_PUBLIC_KEY) and the gateways' supergraph feed on `/supergraph`.
 */
async function startRegistryPart(env: Env, stops: Stops, log: (line: string) => void): Promise<RunningPart> {
  required(env, ['JWT_PUBLIC_KEY'], 'registry');
  const url = subgraphDatabaseUrl(env, 'registry');
  if (!url) throw new Error('Invalid configuration:\n  REGISTRY_DATABASE_URL or DATABASE_URL: required by the registry part');
  const registryPool = pool(url, env, stops, 'registry');
  const registry = await openRegistry(registryPool);
  const routing = (name: string) => env[`${name.toUpperCase()}_ROUTING_URL` as keyof Env] as string | undefined;
  const specs = builtinSpecs(readRoverConfig()).map((s) => ({ ...s, url: routing(s.name) ?? s.url }));
  const { changed, supergraphVersion } = await registry.registerBuiltins(specs);
  log(`schema registry: supergraph ${supergraphVersion}${changed.length ? ` (registered ${changed.join(', ')})` : ''}`);

  const auth = new Authenticator(await TokenVerifier.fromPem(env.JWT_PUBLIC_KEY!));
  const protection = protectionFromEnv(env);
  const limiter = new RateLimiter(protection.rateLimit);
  stops.push(() => limiter.close());
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', protection.trustProxy);
  app.get('/health', (_req, res) => void res.json({ status: 'ok', part: 'registry' }));
  app.get('/ready', async (_req, res) => {
    try {
      await sql`select 1`.execute(registry.db);
      res.json({ status: 'ready', part: 'registry' });
    } catch {
      res.status(503).json({ status: 'not ready', part: 'registry', database: 'unreachable' });
    }
  });
  app.use(supergraphFeedRouter(registry));
  app.use('/admin', limiter.middleware());
  // Signature and expiry are checked here; whether the session still holds (revoked within
  // SESSION_CHECK_SECONDS, as on every gateway) a gateway says, asked on its internal listener.
  const sessionUrl = new URL(SESSION_PATH, env.GATEWAY_SERVICE_URL).href;
  app.use(
    registryAdminRouter(registry, async (req) => {
      const who = await auth.identify(req);
      if (who.userId) await introspectSession(sessionUrl, req.header('authorization')!);
      return who;
    }),
  );
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(env.REGISTRY_PORT, env.HOST, resolve));
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { part: 'registry', url: `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`, stop: stopAll(stops) };
}

/** Retries `check` until it holds (a part that starts before another it needs waits for it). */
async function waitFor(what: string, check: () => Promise<boolean>, log: (line: string) => void, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const ok = await check().catch(() => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`${what} did not answer within ${timeoutMs / 1000} s`);
    if (attempt === 0) log(`waiting for ${what}…`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
