import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test/graph';
import { startTestGateway } from '../test/gateway';

type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/** Two requests a minute per client address; each case comes from an address of its own. */
const TIGHT = { RATE_LIMIT_IP_PER_MINUTE: '2', TRUST_PROXY: '1' };

const send = (gw: TestGateway, method: string, path: string, address: string) =>
  fetch(new URL(path, gw.origin), {
    method,
    headers: { 'x-forwarded-for': address, 'content-type': path.startsWith('/files') ? 'text/plain' : 'application/json' },
    body: method === 'POST' ? (path === '/graphql' ? JSON.stringify({ query: '{ __typename }' }) : 'hello') : undefined,
  });

describe('every public route is rate limited', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: TIGHT,
      // The platform mounts the schema registry's admin routes under /admin; any route there counts.
      mount: (app) => app.get('/admin/ping', (_req, res) => void res.json({ ok: true })),
    });
  });
  afterAll(() => gw.stop());

  it.each([
    ['GET', '/graphql?query=%7B__typename%7D', 200, '10.9.0.1'],
    ['POST', '/graphql', 200, '10.9.0.2'],
    ['GET', '/feeds/news.atom', 200, '10.9.0.3'],
    ['GET', '/files/00000000-0000-4000-8000-000000000000', 404, '10.9.0.4'],
    ['POST', '/files?name=a.txt', 401, '10.9.0.5'],
    ['GET', '/admin/ping', 200, '10.9.0.6'],
  ])('%s %s answers as usual, then 429 with Retry-After past the limit', async (method, path, usual, address) => {
    const first = await send(gw, method, path, address);
    const second = await send(gw, method, path, address);
    const third = await send(gw, method, path, address);
    expect([first.status, second.status, third.status]).toEqual([usual, usual, 429]);
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await third.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('leaves the health probes alone', async () => {
    for (let i = 0; i < 3; i++) await send(gw, 'GET', '/feeds/news.atom', '10.9.0.7');
    expect((await send(gw, 'GET', '/health', '10.9.0.7')).status).toBe(200);
    expect((await send(gw, 'GET', '/ready', '10.9.0.7')).status).toBe(200);
  });
});

describe('rate limits with Redis', () => {
  it('keeps limiting in memory when Redis is unreachable, and says so on /ready', async () => {
    const gw = await startTestGateway({ env: { ...TIGHT, REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const ready = await fetch(new URL('/ready', gw.origin)).then((r) => r.json());
      expect(ready).toMatchObject({ status: 'ready', rateLimits: 'degraded: per process' });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await send(gw, 'POST', '/graphql', '10.9.1.1')).status);
      expect(statuses).toEqual([200, 200, 429]);
      const feeds = [];
      for (let i = 0; i < 3; i++) feeds.push((await send(gw, 'GET', '/feeds/news.atom', '10.9.1.2')).status);
      expect(feeds).toEqual([200, 200, 429]);
    } finally {
      await gw.stop();
    }
  });

  it('says the limits are shared once Redis answers', async () => {
    const gw = await startTestGateway({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    try {
      await eventually(async () => {
        expect(await fetch(new URL('/ready', gw.origin)).then((r) => r.json())).toMatchObject({ rateLimits: 'shared' });
      });
    } finally {
      await gw.stop();
    }
  });

  it('says per process without Redis', async () => {
    const gw = await startTestGateway();
    try {
      expect(await fetch(new URL('/ready', gw.origin)).then((r) => r.json())).toMatchObject({ rateLimits: 'per process' });
    } finally {
      await gw.stop();
    }
  });
});
