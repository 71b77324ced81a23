import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../core/root';
import { DEMO_PASSWORD } from '../subgraphs/kit/demo';
import { eventually, operation } from '../test/graph';
import { createPostgresDatabase, platformEnv, platformUp } from '../test/platform-process';
import { parseEnv } from './config';

/**
 * `PLATFORM_WORKERS=2 npm start` on the machine's PostgreSQL (a database of its own): two whole
 * replicas behind the same ports, a replica that dies is replaced, and a stop ends them all.
 */

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
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'egov-workers-'));
  let platform: ChildProcess;
  let origin = '';
  let exitCode: Promise<number | null>;

  beforeAll(async () => {
    database = await createPostgresDatabase('egov_workers');
    platform = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
      cwd: ROOT,
      env: {
        ...(await platformEnv(database.url, dataDir)),
        PLATFORM_WORKERS: '2',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exitCode = new Promise((resolve) => platform.once('exit', (code) => resolve(code)));
    origin = await platformUp(platform, exitCode, !!process.env.DEBUG_WORKERS);
  }, 180_000);

  afterAll(async () => {
    if (platform.exitCode === null) platform.kill('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const replicas = async () => {
    const pids = new Set<number>();
    for (let i = 0; i < 12; i++) pids.add((await getJson(`${origin}/health`)).replica);
    return pids;
  };
  /** With a deadline, for a connection handed to a replica as it was killed; a replica's first answer is slow (cold planner and pools). */
  const graph = async (timeoutMs = 3000) => {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ procedures(first: 1) { totalCount } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return (await res.json()) as { data?: { procedures: { totalCount: number } }; errors?: unknown[] };
  };

  it('serves the graph from two replicas on the same port', async () => {
    expect((await graph(30_000)).data!.procedures.totalCount).toBeGreaterThan(0);
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
          timeout: 20_000, // a cold replica signing in at full argon2 cost is slow on a busy machine
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
    // The four reads at once: one after another, a slow machine spent most of the 1.5 s on one attempt.
    await eventually(async () => {
      expect(await Promise.all(Array.from({ length: 4 }, newest))).toEqual([id, id, id, id]);
    }, 1500);
  });

  it('replaces a replica that dies, and keeps serving meanwhile', async () => {
    const before = await replicas();
    const [victim] = before;
    process.kill(victim, 'SIGKILL');
    // The other replica goes on answering (within seconds: a request in the dead one's hands is lost).
    await eventually(async () => expect((await graph()).data!.procedures.totalCount).toBeGreaterThan(0), 30_000);
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
