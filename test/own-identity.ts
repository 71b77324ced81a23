import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { IdentityVerifier } from '../core/identity-tokens';
import { TokenIssuer } from '../core/session-tokens';
import { identity } from '../subgraphs/identity/module';
import { createDb, createPool } from '../subgraphs/kit/db';
import { startEmbeddedPostgres } from '../subgraphs/kit/embedded-postgres';
import { migrateToLatest } from '../subgraphs/kit/migrate';
import type { SubgraphDeps } from '../subgraphs/kit/module';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/server';

/**
 * An identity subgraph of a test's own, with settings the shared platform must not have (a
 * password hash concurrency of 1), on a database of its own: an in-memory PGlite, or a fresh
 * database on DATABASE_URL's server (its migrations name the `identity` schema, so it cannot
 * share a database with the platform's). Signed by the platform's keys, so a test gateway
 * (test/gateway.ts) routes to it with `subgraphUrls: { identity: url }`.
 */
export async function startOwnIdentity(settings: Partial<SubgraphDeps> = {}): Promise<RunningSubgraph & { db: Kysely<any> }> {
  const stops: (() => Promise<unknown>)[] = [];
  const realUrl = process.env.DATABASE_URL;
  let url: string;
  if (realUrl) {
    const database = `egov_identity_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: realUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const own = new URL(realUrl);
    own.pathname = `/${database}`;
    url = own.toString();
    stops.push(async () => {
      const drop = new pg.Client({ connectionString: realUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${database} with (force)`);
      await drop.end();
    });
  } else {
    const embedded = await startEmbeddedPostgres(null);
    stops.push(embedded.stop);
    url = embedded.url;
  }
  const pool = createPool({ url, max: realUrl ? 4 : 1 });
  stops.push(() => pool.end());
  const db = createDb<any>(pool, 'identity');
  await migrateToLatest(db, 'identity', identity.migrations);
  const secrets = inject('secrets');
  const deps = {
    db,
    production: false,
    publicUrl: undefined,
    tokens: await TokenIssuer.fromPem(secrets.jwtPrivateKey, 3600),
    ...settings,
  } as SubgraphDeps;
  const running = await startSubgraph(identity.build(deps), {
    verifier: new IdentityVerifier({ audience: 'identity', keys: inject('jwksUrl') }),
    serviceUrl: inject('serviceUrl'),
    production: false,
    host: '127.0.0.1',
    port: 0,
  });
  stops.push(running.stop);
  return {
    ...running,
    db,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
