import type pg from 'pg';
import { inject } from 'vitest';
import { SUBGRAPHS } from '../subgraphs/index';
import { createDb, createPool } from '../subgraphs/kit/db';
import { startDepartmentSubgraph } from '../subgraphs/kit/standalone';
import { startTestGateway } from './gateway';
import { createPostgresDatabase } from './platform-process';

export interface OwnApplications {
  /** Its database's URL and name, for the test's own connections. */
  url: string;
  database: string;
  /** The subgraph's pool (the test may query through it too). */
  pool: pg.Pool;
  /** A gateway routing `applications` here and every other subgraph to the shared platform. */
  gateway: Awaited<ReturnType<typeof startTestGateway>>;
  stop: () => Promise<void>;
}

/**
 * An applications subgraph of a test's own, on a fresh database of DATABASE_URL's server, behind a
 * test gateway of its own: for tests that lock its tables or terminate its connections, which on
 * the shared platform's would fail whatever other files run meanwhile. PostgreSQL only.
 */
export async function startOwnApplications(settings: { prefix: string; poolSize: number; gatewayEnv?: Record<string, string> }): Promise<OwnApplications> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    const created = await createPostgresDatabase(settings.prefix);
    stops.push(created.drop);
    const pool = createPool({ url: created.url, max: settings.poolSize });
    stops.push(() => pool.end());
    const applications = await startDepartmentSubgraph({
      module: SUBGRAPHS.applications,
      db: createDb<any>(pool, 'applications'),
      jwksUrl: inject('jwksUrl'),
      serviceUrl: inject('serviceUrl'),
      seed: false,
    });
    stops.push(applications.stop);
    const gateway = await startTestGateway({ env: settings.gatewayEnv, subgraphUrls: { ...inject('subgraphUrls'), applications: applications.url } });
    stops.push(gateway.stop);
    return { url: created.url, database: new URL(created.url).pathname.slice(1), pool, gateway, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
