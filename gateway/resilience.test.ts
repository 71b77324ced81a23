import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { post, startTestGateway } from '../test/gateway';
import { SubgraphProxy } from '../test/proxy';

/**
 * A gateway whose procedures subgraph sits behind a proxy the test can take down: the rest of the
 * graph keeps answering, the missing part comes back as an error, and everything recovers alone.
 */
let proxy: SubgraphProxy;
let gw: Awaited<ReturnType<typeof startTestGateway>>;

beforeAll(async () => {
  proxy = new SubgraphProxy(inject('subgraphUrls').procedures);
  await proxy.start();
  gw = await startTestGateway({ subgraphUrls: { ...inject('subgraphUrls'), procedures: proxy.url }, env: { SUBGRAPH_TIMEOUT_MS: '1500' } });
});
afterAll(async () => {
  await gw?.stop();
  await proxy?.stop();
});

// `procedure` is nullable, so its failure leaves the rest of the data standing.
const BOTH = '{ departments { code } procedure(code: "CIVIL-BIRTH-REG") { code title } }';
const IDENTITY_ONLY = '{ departments { code } }';

describe('resilience', () => {
  it('answers with partial data while a subgraph is down, and recovers when it returns', async () => {
    const before = await post(gw.url, { query: BOTH });
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data.procedure.code).toBe('CIVIL-BIRTH-REG');

    await proxy.stop();
    const down = await post(gw.url, { query: BOTH });
    expect(down.status).toBe(200);
    expect(down.body.data?.departments?.length).toBeGreaterThan(3);
    expect(down.body.data.procedure).toBeNull();
    expect(down.body.errors?.length).toBeGreaterThan(0);
    const untouched = await post(gw.url, { query: IDENTITY_ONLY });
    expect(untouched.body.errors).toBeUndefined();

    await proxy.start();
    const after = await post(gw.url, { query: BOTH });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.procedure).toEqual(before.body.data.procedure);
  });

  it('gives up on a subgraph that is too slow, and still answers the rest', async () => {
    // Far beyond the 1.5 s timeout, so the rest of the request (slow on a busy machine) has seconds of room
    // under the bound while an answer that waited for the subgraph still fails it.
    proxy.delayMs = 8000;
    try {
      const started = Date.now();
      const slow = await post(gw.url, { query: BOTH });
      expect(Date.now() - started).toBeLessThan(7000);
      expect(slow.body.data?.departments?.length).toBeGreaterThan(3);
      expect(slow.body.errors?.length).toBeGreaterThan(0);
    } finally {
      proxy.delayMs = 0;
    }
  });

  it('lets in-flight requests finish on shutdown, and refuses new ones with a retryable 503', async () => {
    const own = await startTestGateway({ subgraphUrls: { ...inject('subgraphUrls'), procedures: proxy.url } });
    proxy.delayMs = 500;
    try {
      const arrived = proxy.nextRequest();
      const inFlight = post(own.url, { query: BOTH });
      await arrived;
      const stopping = own.stop();
      // Meanwhile a new request is refused, retryably: the client (or load balancer) tries another instance.
      const refused = await post(own.url, { query: IDENTITY_ONLY });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.errors[0].extensions.code).toBe('SHUTTING_DOWN');
      const r = await inFlight;
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      await stopping;
      await expect(fetch(own.url, { method: 'POST' })).rejects.toThrow();
    } finally {
      proxy.delayMs = 0;
    }
  });
});
