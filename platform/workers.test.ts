import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../core/root';
import { DEMO_PASSWORD } from '../subgraphs/kit/demo';
import { eventually, operation } from '../test/graph';
import { parseEnv } from './config';
import { freePorts } from './free-ports';

/**
 * `PLATFORM_WORKERS=2 npm start` on the machine's PostgreSQL (a database of its own): two whole
 * replicas behind the same ports, a replica that dies is replaced, and a stop ends them all.
 */
const ADMIN_URL = process.env.WORKERS_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A GET on a connection of its own, so the cluster may hand it to either replica. With a
 * deadline: a connection handed to a replica at the moment it is killed is never answered.
 */
const getJson = (url: string) =>
  new Promise<any>((resolve, reject) => {
    http
      .get(url, { agent: false, timeout: 3000 }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error('no answer'));
      })
      .on('error', reject);
  });

describe('PLATFORM_WORKERS setting', () => {
  it('takes a number or auto (one per core), and refuses more than one on the embedded database', () => {
    const db = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(parseEnv({ ...db, PLATFORM_WORKERS: '3' }).PLATFORM_WORKERS).toBe(3);
    expect(parseEnv({ ...db, PLATFORM_WORKERS: 'auto' }).PLATFORM_WORKERS).toBe(os.availableParallelism());
    expect(parseEnv({}).PLATFORM_WORKERS).toBe(1);
    expect(() => parseEnv({ PLATFORM_WORKERS: '2' })).toThrow(/PLATFORM_WORKERS: above 1 needs DATABASE_URL/);
    // One coordination path: replicas on one machine use Redis, as gateways on separate hosts do.
    expect(() => parseEnv({ DATABASE_URL: db.DATABASE_URL, PLATFORM_WORKERS: '2' })).toThrow(/PLATFORM_WORKERS: above 1 needs REDIS_URL/);
  });
});

describe('PLATFORM_WORKERS', () => {
  const database = `egov_workers_${Date.now()}_${process.pid}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'egov-workers-'));
  let platform: ChildProcess;
  let origin = '';
  let exitCode: Promise<number | null>;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const base = await freePorts(7);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    platform = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: url.toString(),
        PLATFORM_WORKERS: '2',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        GATEWAY_PORT: String(base),
        SUBGRAPH_BASE_PORT: String(base + 1),
        GATEWAY_INTERNAL_PORT: String(base + 6),
        DATA_DIR: dataDir,
        SEED: 'always',
        SAFELIST: 'off',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exitCode = new Promise((resolve) => platform.once('exit', (code) => resolve(code)));
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      platform.stdout!.on('data', (c) => process.env.DEBUG_WORKERS && process.stdout.write(c));
      platform.stdout!.on('data', (chunk) => {
        out += chunk;
        const m = /The platform is up\. Open (http:\/\/[^/]+)\//.exec(out);
        if (m) resolve(m[1]);
      });
      void exitCode.then((code) => reject(new Error(`npm start exited with ${code} before serving:\n${out}`)));
    });
  }, 180_000);

  afterAll(async () => {
    if (platform.exitCode === null) platform.kill('SIGKILL');
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const replicas = async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 12; i++) pids.add((await getJson(`${origin}/health`)).replica);
    return pids;
  };
  const graph = async () => {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ procedures(first: 1) { totalCount } }' }),
      signal: AbortSignal.timeout(3000),
    });
    return (await res.json()) as { data?: { procedures: { totalCount: number } }; errors?: unknown[] };
  };

  it('serves the graph from two replicas on the same port', async () => {
    expect((await graph()).data!.procedures.totalCount).toBeGreaterThan(0);
    expect((await replicas()).size).toBe(2);
  });

  /** A GraphQL POST on a connection of its own: consecutive ones go to the replicas in turn. */
  const post = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    new Promise<any>((resolve, reject) => {
      const req = http.request(
        `${origin}/graphql`,
        {
          method: 'POST',
          agent: false,
          timeout: 5000,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve(JSON.parse(body)));
        },
      );
      req.on('timeout', () => req.destroy(new Error('no answer'))).on('error', reject);
      req.end(JSON.stringify({ query, variables }));
    });

  it('clears every replica’s response cache when a mutation goes through any one of them', async () => {
    const login = await post(operation('web/Login'), { email: 'editor.tax@demo.gov', password: DEMO_PASSWORD });
    const editor = login.data.login.token as string;
    const created = await post(operation('officer/CreatePublication'), { input: { departmentId: login.data.login.user.department.id, kind: 'NEWS', title: `Replicas ${Date.now()}`, summary: 'S', body: 'B' } }, editor);
    const id = created.data.createPublication.publication.id as string;
    // The newest public item, anonymous: cached by both replicas (four connections, two each).
    const NEWEST = '{ publications(first: 1) { edges { node { id } } } }';
    const newest = async () => (await post(NEWEST)).data.publications.edges[0].node.id as string;
    for (let i = 0; i < 4; i++) expect(await newest()).not.toBe(id);
    // One mutation, through one replica; the other learns of it through Redis, as another host would.
    expect((await post(operation('officer/PublishPublication'), { id }, editor)).data.publishPublication.userErrors).toEqual([]);
    // Without the relay, one replica would serve its kept answer for up to 5 s (the feed's max-age).
    await eventually(async () => {
      for (let i = 0; i < 4; i++) expect(await newest()).toBe(id);
    }, 1500);
  });

  it('replaces a replica that dies, and keeps serving meanwhile', async () => {
    const before = await replicas();
    const [victim] = before;
    process.kill(victim, 'SIGKILL');
    // The other replica goes on answering (within seconds: a request in the dead one's hands is lost).
    await eventually(async () => expect((await graph()).data!.procedures.totalCount).toBeGreaterThan(0), 10_000);
    await eventually(async () => {
      const now = await replicas();
      expect(now.has(victim)).toBe(false);
      expect(now.size).toBe(2);
    }, 60_000);
  }, 90_000);

  it('stops every replica on SIGTERM and exits cleanly', async () => {
    const pids = await replicas();
    platform.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
