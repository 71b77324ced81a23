import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePorts } from '../../platform/free-ports';
import { productionCopy } from './copy';
import { startTraceCollector } from '../trace-collector';

/**
 * The production suite (`npm run test:production`, vitest.production.config.ts): the production
 * build installed without dev dependencies (./copy.ts), `npm run start:prod` from it on a fresh
 * PostgreSQL database, and the same values the main suite's setup provides, so the suite's smoke
 * files run unchanged against compiled JavaScript. The multi-host test starts its parts from the
 * same install.
 */
export const ADMIN_URL = process.env.PRODUCTION_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** The platform's three keys from the build's own `keys` command (env-file lines). */
export function generateKeys(dir: string): Record<string, string> {
  const out = spawnSync(process.execPath, ['dist/keys.js'], { cwd: dir, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`dist/keys.js failed: ${out.stderr}`);
  return Object.fromEntries(out.stdout.trim().split('\n').map((line) => {
    const [, name, value] = /^([A-Z_]+)='(.*)'$/.exec(line)!;
    return [name, value];
  }));
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk;
      if (process.env.DEBUG_PRODUCTION) process.stdout.write(`[${what}] ${chunk}`);
      const m = pattern.exec(out);
      if (m) resolve(m);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before it served:\n${out}`)));
  });
}

let platform: ChildProcess | undefined;
let stopCollector: (() => Promise<void>) | undefined;
const database = `egov_production_${Date.now()}_${process.pid}`;

export default async function setup(project: TestProject) {
  const dir = productionCopy();
  project.provide('productionDir', dir);
  // Only while working on the multi-host test: no platform for the smoke files.
  if (process.env.EGOV_PRODUCTION_SMOKE === 'off') return;
  const databaseUrl = await createDatabase(database);
  const keys = generateKeys(dir);
  const base = await freePorts(7);
  // The build exports its traces over OTLP as in production, to the suite's receiver (costOf).
  const collector = await startTraceCollector();
  stopCollector = collector.stop;
  project.provide('traceCollectorUrl', collector.url);
  platform = spawn('npm', ['run', '-s', 'start:prod'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      ...keys,
      // The main suite's settings (test/global-setup.ts), so its files run here unchanged.
      NODE_ENV: 'test',
      SAFELIST: 'off',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      // The SDK's batch delay (5 s by default), short so that a test finds its trace at once.
      OTEL_BSP_SCHEDULE_DELAY: '50',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      RATE_LIMIT_USER_PER_MINUTE: '1000000',
      PASSWORD_HASH_CONCURRENCY: '4',
      PASSWORD_WORK_PER_SECOND: '0',
      DATABASE_URL: databaseUrl,
      SEED: 'always',
      GATEWAY_PORT: String(base),
      SUBGRAPH_BASE_PORT: String(base + 1),
      GATEWAY_INTERNAL_PORT: String(base + 6),
      DATA_DIR: path.join(dir, '.data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await waitForOutput(platform, /The platform is up/, 'start:prod');
  const origin = `http://127.0.0.1:${base}`;
  const internal = `http://127.0.0.1:${base + 6}`;
  const names = ['identity', 'publications', 'procedures', 'applications', 'feedback'];
  project.provide('gatewayUrl', `${origin}/graphql`);
  project.provide('internalUrl', `${internal}/graphql`);
  project.provide('jwksUrl', `${internal}/.well-known/jwks.json`);
  project.provide('serviceUrl', `${internal}/service/graphql`);
  project.provide('subgraphUrls', Object.fromEntries(names.map((n, i) => [n, `http://127.0.0.1:${base + 1 + i}/graphql`])));
  project.provide('databaseUrl', databaseUrl);
  project.provide('secrets', {
    identityKeys: JSON.parse(keys.IDENTITY_SIGNING_KEYS),
    jwtPrivateKey: keys.JWT_PRIVATE_KEY.replaceAll('\\n', '\n'),
    jwtPublicKey: keys.JWT_PUBLIC_KEY.replaceAll('\\n', '\n'),
  });
  return async () => {
    if (platform?.pid && platform.exitCode === null) {
      const exited = new Promise((resolve) => platform!.once('exit', resolve));
      process.kill(-platform.pid, 'SIGTERM');
      await exited;
    }
    await stopCollector?.();
    await dropDatabase(database);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build installed with `npm ci --omit=dev`. */
    productionDir: string;
  }
}
