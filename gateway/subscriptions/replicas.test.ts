import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root';
import { DEMO_PASSWORD } from '../../subgraphs/kit/demo';
import { LICENCE, validForm } from '../../subgraphs/applications/test-support';
import { eventually, operation } from '../../test/graph';
import { createPostgresDatabase, platformEnv, platformUp } from '../../test/platform-process';
import { openStream, type StreamMessage } from '../../test/subscribers';

/**
 * Several gateways on one Redis: `PLATFORM_WORKERS=2 npm start` on the machine's PostgreSQL and
 * Redis (streams under a key prefix of this run's own), two whole replicas behind one port. The
 * cluster hands connections to the replicas in turn, so of four subscribers each replica holds
 * some: every one hearing of a mutation made through either is delivery across gateways. Then
 * a replica is killed while subscribed: its subscribers reconnect (to the other, or its
 * replacement) with their last event id and get what they missed, in order, nothing twice.
 */
describe('subscriptions across gateway replicas (Redis Streams)', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'egov-realtime-'));
  let platform: ChildProcess;
  let origin = '';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `egov:test:${randomUUID().slice(0, 8)}:events:`;

  beforeAll(async () => {
    database = await createPostgresDatabase('egov_realtime');
    platform = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
      cwd: ROOT,
      env: {
        ...(await platformEnv(database.url, dataDir)),
        PLATFORM_WORKERS: '2',
        REDIS_URL: redisUrl,
        EVENTS_PREFIX: prefix,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => platform.once('exit', (code) => resolve(code)));
    origin = await platformUp(platform, exited, !!process.env.DEBUG_WORKERS);
  }, 180_000);

  afterAll(async () => {
    if (platform?.exitCode === null) platform.kill('SIGKILL');
    await database?.drop();
    // This run's streams.
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      // A deadline for a request a replica took as it was killed; a cold replica's first answer is slow.
      signal: AbortSignal.timeout(20_000),
    });
    return (await res.json()) as any;
  };
  const QUERY = { query: 'subscription { myApplicationUpdated { id status } }' };

  it('delivers a mutation through one replica to subscribers on both, and resumes after a replica dies', async () => {
    const email = `live.${randomUUID().slice(0, 8)}@example.org`;
    const registered = await post(operation('web/Register'), { input: { email, password: 'a-long-password-1', displayName: 'Live Replicas' } });
    const token = registered.data.register.token as string;
    const auth = { authorization: `Bearer ${token}` };
    const streams = await Promise.all([1, 2, 3, 4].map(() => openStream(origin, QUERY, auth)));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    const submitOne = async () => {
      // One key for every try: a try that timed out here may have been stored there (one replica just died).
      const idempotencyKey = randomUUID();
      const r = await eventually(async () => {
        const answer = await post(operation('web/SubmitApplication'), { input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey } }, token);
        expect(answer.data?.submitApplication?.application?.id).toBeTruthy();
        return answer;
      }, 40_000);
      return r.data.submitApplication.application.id as string;
    };
    const first = await submitOne();
    const heard: StreamMessage[][] = [[], [], [], []];
    for (const [i, s] of streams.entries()) {
      const m = await s.inbox.next();
      expect(m.data.data.myApplicationUpdated.id).toBe(first);
      heard[i]!.push(m);
    }
    // Every subscriber has the same event id: one event, whichever replica read it.
    expect(new Set(heard.map((h) => h[0]!.id)).size).toBe(1);

    // Kill one replica (SIGKILL: no goodbye); its subscribers' streams end.
    const { replica } = (await (await fetch(`${origin}/health`, { headers: { connection: 'close' } })).json()) as { replica: number };
    process.kill(replica, 'SIGKILL');
    const missed = [await submitOne(), await submitOne()];
    // Those cut off reconnect with their last id; the survivors keep their streams.
    const all = await Promise.all(
      streams.map(async (s, i) => {
        const got: StreamMessage[] = [];
        let stream = s;
        let reconnected = false;
        while (got.length < missed.length) {
          const m = await Promise.race([stream.inbox.next(30_000), stream.ended.then(() => null)]);
          if (m) {
            got.push(m);
            continue;
          }
          const lastId = (got.at(-1) ?? heard[i]![0]!).id!;
          stream = await eventually(async () => {
            const again = await openStream(origin, QUERY, { ...auth, 'last-event-id': lastId });
            expect(again.status).toBe(200);
            return again;
          }, 20_000);
          reconnected = true;
        }
        stream.close();
        return { got, reconnected };
      }),
    );
    // The cluster gave each replica some of the four: some were cut off and resumed.
    expect(all.some((a) => a.reconnected)).toBe(true);
    for (const { got } of all) {
      expect(got.map((m) => m.data.data.myApplicationUpdated.id)).toEqual(missed);
      expect(new Set(got.map((m) => m.id)).size).toBe(missed.length);
    }
  }, 120_000);
});
