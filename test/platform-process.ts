import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { freePorts } from '../platform/free-ports';

/**
 * For tests that run the platform as a process of its own (`npm start`, scripts/start.ts) on the
 * machine's PostgreSQL: a database of the test's own, and the moment the platform serves.
 */
export const ADMIN_URL = process.env.WORKERS_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates `<prefix>_<time>_<pid>` on ADMIN_URL's server; `drop` removes it, connections and all. */
export async function createPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = `${prefix}_${Date.now()}_${process.pid}`;
  const run = async (text: string) => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(text).finally(() => admin.end());
  };
  await run(`create database ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${database} with (force)`) };
}

/** Resolves with the platform's origin once the process says it is up; rejects if it exits first. */
export function platformUp(child: ChildProcess, exited: Promise<number | null>, echo = false): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (echo) process.stdout.write(chunk);
      const m = /The platform is up\. Open (http:\/\/[^/]+)\//.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`the platform exited with ${code} before serving:\n${out}`)));
  });
}

/** The environment of a platform process on `databaseUrl`: ports and a data folder of its own, demo data, no safelist. */
export async function platformEnv(databaseUrl: string, dataDir: string): Promise<NodeJS.ProcessEnv> {
  const base = await freePorts(7);
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    GATEWAY_PORT: String(base),
    SUBGRAPH_BASE_PORT: String(base + 1),
    GATEWAY_INTERNAL_PORT: String(base + 6),
    DATA_DIR: dataDir,
    SEED: 'always',
    SAFELIST: 'off',
  };
}
