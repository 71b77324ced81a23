import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { post, startTestGateway } from '../test/gateway';
import { SubgraphProxy } from '../test/proxy';
import { departmentId } from '../subgraphs/kit/demo';
import { costOf, eventually, gql, operation, tokenFor } from '../test/graph';
import type { RunningGateway } from './server';

/**
 * A mutation on procedures that changes nothing (an unknown id, so refused) but cannot show which
 * procedure it would have changed: gateways evict every answer holding procedures.
 */
async function touchProcedures(url: string) {
  const officer = await tokenFor('officer.tax@demo.gov');
  const refused = await post(
    url,
    { query: 'mutation($id: ID!) { updateProcedure(id: $id, input: { title: "x" }) { userErrors { code } } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
    { authorization: `Bearer ${officer}` },
  );
  expect(refused.status).toBe(200);
}

/** The response cache answers anonymous reads only, and forgets what a mutation changed (gateway/cache-tags.test.ts). */
describe('response cache for anonymous reads', () => {
  // Its own gateway with a long TTL, so a slow shared machine cannot expire an entry mid-test.
  let gateway: RunningGateway;
  const gatewayUrl = () => gateway.url;
  beforeAll(async () => {
    gateway = await startTestGateway({ responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 } });
  });
  afterAll(() => gateway.stop());

  const feed = () => ({ query: operation('web/PublicationFeed'), variables: { first: 3, filter: { kinds: ['NEWS'] } } });

  it('answers a repeated anonymous query from the cache, marked public for a few seconds', async () => {
    const body = { query: operation('web/ProcedureGuide'), variables: { code: 'TAX-REFUND' } };
    const first = await post(gatewayUrl(), body);
    const second = await post(gatewayUrl(), body);
    expect(first.body.errors).toBeUndefined();
    expect(second.headers.get('x-cache')).toBe('HIT');
    // Browsers and CDNs never hear of a mutation: they are told at most 5 s.
    expect(second.headers.get('cache-control')).toBe('public, max-age=5');
    expect(second.body).toEqual(first.body);
  });

  it('answers identical requests that arrive together with one computation', async () => {
    // A procedure (not publications: they may declare no-store while another test's scheduled item
    // turns public), under a code never asked before, so the first of the twenty computes.
    const body = { query: operation('web/ProcedureGuide'), variables: { code: `TAX-REFUND-${Math.random().toString(36).slice(2, 8)}` } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(gatewayUrl(), body)));
    const how = answers.map((a) => a.headers.get('x-cache'));
    expect(how.filter((h) => h === 'MISS')).toHaveLength(1);
    expect(how.filter((h) => h === 'SHARED').length).toBeGreaterThan(0);
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
  });

  it('never serves or stores answers for signed-in callers', async () => {
    const token = await tokenFor('citizen@demo.gov');
    const body = feed();
    await post(gatewayUrl(), body);
    const signedIn = await post(gatewayUrl(), body, { authorization: `Bearer ${token}` });
    expect(signedIn.headers.get('x-cache')).toBeNull();
    expect(signedIn.headers.get('cache-control')).toContain('no-store');
    const me = await post(gatewayUrl(), { query: operation('web/Me') }, { authorization: `Bearer ${token}` });
    expect(me.body.data.me.email).toBe('citizen@demo.gov');
    expect(me.headers.get('x-cache')).toBeNull();
  });

  it('does not cache answers with errors', async () => {
    const body = { query: operation('web/PublicationFeed'), variables: { first: 3, after: 'not-a-cursor' } };
    await post(gatewayUrl(), body);
    const again = await post(gatewayUrl(), body);
    expect(again.body.errors?.length).toBeGreaterThan(0);
    expect(again.headers.get('x-cache')).toBe('MISS');
  });

  it('forgets what a mutation through the gateway changed, and keeps what it did not', async () => {
    const catalogue = { query: operation('web/ProcedureCatalog'), variables: { first: 4 } };
    await post(gatewayUrl(), catalogue);
    expect((await post(gatewayUrl(), catalogue)).headers.get('x-cache')).toBe('HIT');
    // Feedback is served by a subgraph the catalogue does not come from: the catalogue stays.
    const feedback = await post(
      gatewayUrl(),
      { query: operation('web/SubmitFeedback'), variables: { input: { kind: 'SUGGESTION', departmentId: departmentId('TAX'), subject: 'Cache', body: 'A suggestion.' } } },
      { authorization: `Bearer ${await tokenFor('citizen@demo.gov')}` },
    );
    expect(feedback.body.data.submitFeedback.userErrors).toEqual([]);
    expect((await post(gatewayUrl(), catalogue)).headers.get('x-cache')).toBe('HIT');
    // A procedure mutation (here refused: which one it would change is unknown) evicts every answer holding procedures.
    await touchProcedures(gatewayUrl());
    expect((await post(gatewayUrl(), catalogue)).headers.get('x-cache')).toBe('MISS');
  });

  it('is not on the internal listener: a traced request there does real work in the subgraphs', async () => {
    const body = feed();
    // Kept by this gateway first. An eviction that arrives a moment later (published through Redis
    // for a mutation elsewhere) may drop the first copy, as it should (failed .ci/run once): ask
    // again until kept.
    await eventually(async () => {
      await post(gatewayUrl(), body);
      expect((await post(gatewayUrl(), body)).headers.get('x-cache')).toBe('HIT');
    });
    const traced = await gql(body.query, body.variables, { traced: true });
    expect(traced.errors).toBeUndefined();
    expect((await costOf(traced)).publications.sqlStatements).toBeGreaterThan(0);
  });
});

/** Past its TTL an answer is served while one refresh runs behind it, so nobody waits for a popular page. */
describe('response cache: stale while revalidate', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ responseCache: { ttlMs: 300, staleMs: 60_000, maxBytes: 1024 * 1024 } });
  });
  afterAll(() => gateway.stop());

  it('serves a stale answer once its TTL is over, refreshes it behind the scenes, and never after a mutation', async () => {
    const body = { query: operation('web/ProcedureGuide'), variables: { code: 'TAX-REFUND' } };
    const first = await post(gateway.url, body);
    expect(first.headers.get('x-cache')).toBe('MISS');
    await new Promise((r) => setTimeout(r, 400));
    const stale = await post(gateway.url, body);
    expect(stale.headers.get('x-cache')).toBe('STALE');
    expect(stale.headers.get('cache-control')).toBe('public, max-age=0');
    expect(stale.body).toEqual(first.body);
    const refreshed = await eventually(async () => {
      const r = await post(gateway.url, body);
      expect(r.headers.get('x-cache')).toBe('HIT');
      return r;
    });
    expect(refreshed.body).toEqual(first.body);

    await new Promise((r) => setTimeout(r, 400));
    await touchProcedures(gateway.url);
    expect((await post(gateway.url, body)).headers.get('x-cache')).toBe('MISS');
  });
});

/** How long an answer is kept comes from the subgraphs it was built from (their Cache-Control). */
describe('response cache: kept as long as the subgraphs allow', () => {
  const procedures = new SubgraphProxy(inject('subgraphUrls').procedures);
  const publications = new SubgraphProxy(inject('subgraphUrls').publications);
  let gateway: RunningGateway;
  beforeAll(async () => {
    await procedures.start();
    await publications.start();
    publications.passCacheControl = true;
    gateway = await startTestGateway({
      subgraphUrls: { ...inject('subgraphUrls'), procedures: procedures.url, publications: publications.url },
      responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 },
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await procedures.stop();
    await publications.stop();
  });

  it('is told by each subgraph: 60 s for the catalogue, at most 5 s for publications', async () => {
    const catalogue = await post(gateway.url, { query: operation('web/ProcedureCatalog'), variables: { first: 2 } });
    expect(catalogue.body.errors).toBeUndefined();
    expect(procedures.lastCacheControl).toBe('max-age=60, public');
    // `no-store` (0 s) when another test's scheduled item turns public within the second; asked
    // again when a concurrent test's change left that one answer without a header at all.
    await eventually(async () => {
      publications.lastCacheControl = null;
      await post(gateway.url, { query: operation('web/PublicationFeed'), variables: { first: 2 } });
      const header: string = publications.lastCacheControl ?? '';
      const maxAge = header === 'no-store' ? 0 : Number(/^max-age=(\d+), public$/.exec(header)?.[1]);
      expect(maxAge, `cache-control: ${header}`).toBeGreaterThanOrEqual(0);
      expect(maxAge, `cache-control: ${header}`).toBeLessThanOrEqual(5);
    });
  });

  it('keeps nothing built from a subgraph that declared no max-age', async () => {
    // The procedures proxy drops the subgraph's Cache-Control: as if it had declared nothing.
    const body = { query: operation('web/ProcedureCatalog'), variables: { first: 3 } };
    for (let i = 0; i < 2; i++) {
      const r = await post(gateway.url, body);
      expect(r.headers.get('x-cache')).toBe('MISS');
      expect(r.headers.get('cache-control')).toBe('private, no-store');
    }
    // With it passed on, the same answer is kept.
    procedures.passCacheControl = true;
    const fresh = { query: operation('web/ProcedureCatalog'), variables: { first: 4 } };
    expect((await post(gateway.url, fresh)).headers.get('x-cache')).toBe('MISS');
    expect((await post(gateway.url, fresh)).headers.get('x-cache')).toBe('HIT');
  });
});

/** Gateways on other machines hear of a mutation through Redis (REDIS_URL), CI starts one. */
describe('response cache: evicted in every gateway sharing REDIS_URL', () => {
  let a: RunningGateway;
  let b: RunningGateway;
  beforeAll(async () => {
    const settings = { env: { REDIS_URL: 'redis://127.0.0.1:6379' }, responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 } };
    [a, b] = await Promise.all([startTestGateway(settings), startTestGateway(settings)]);
  });
  afterAll(() => Promise.all([a.stop(), b.stop()]));

  it('drops what gateway B keeps of what a mutation through gateway A changed', async () => {
    // The catalogue is kept 60 s: only a cleared cache answers it with a MISS within eventually's 10 s,
    // which leave B's Redis subscription (not awaited at startup) time to be in place on a slow machine.
    const catalogue = { query: operation('web/ProcedureCatalog'), variables: { first: 5 } };
    // Kept by B first. Other platforms on the same Redis (platform/workers.test.ts signs in,
    // gateway/subscriptions/replicas.test.ts registers) announce their own mutations too, and one
    // evicting the departments' names (identity) may drop it between the two reads: ask again.
    await eventually(async () => {
      await post(b.url, catalogue);
      expect((await post(b.url, catalogue)).headers.get('x-cache')).toBe('HIT');
    });
    await touchProcedures(a.url);
    await eventually(async () => expect((await post(b.url, catalogue)).headers.get('x-cache')).toBe('MISS'));
  });
});

/** Only what can change the answer makes a new entry, and the entries together have a byte bound. */
describe('response cache: keys and bounds', () => {
  // 4 KiB in all, 512 bytes at most per answer (an eighth).
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ responseCache: { ttlMs: 60_000, maxBytes: 4096 } });
  });
  afterAll(() => gateway.stop());
  const cacheOf = async (query: string, variables?: unknown) => (await post(gateway.url, { query, variables })).headers.get('x-cache');
  const DEPARTMENT = 'query Department($code: String) { department(code: $code) { code } }';

  it('ignores variables the operation does not declare, and the order of keys', async () => {
    const query = 'query Catalog($first: Int!, $filter: ProcedureFilter) { procedures(first: $first, filter: $filter) { edges { node { code } } } }';
    const filter = { onlineOnly: true, category: null };
    expect(await cacheOf(query, { first: 2, filter })).toBe('MISS');
    expect(await cacheOf(query, { first: 2, filter, junk: randomUUID(), more: { deep: [randomUUID()] } })).toBe('HIT');
    expect(await cacheOf(query, { filter: { category: null, onlineOnly: true }, first: 2 })).toBe('HIT');
    // A declared variable's value does change the answer.
    expect(await cacheOf(query, { first: 3, filter })).toBe('MISS');
  });

  it('applies a declared default where the variable is left out; null and left out stay apart', async () => {
    const withDefault = 'query DepartmentByDefault($code: String = "TAX") { department(code: $code) { code name } }';
    expect(await cacheOf(withDefault, {})).toBe('MISS');
    expect(await cacheOf(withDefault, { code: 'TAX' })).toBe('HIT');
    expect(await cacheOf(withDefault)).toBe('HIT');
    // An explicit null is not the default: GraphQL passes null.
    expect(await cacheOf(withDefault, { code: null })).toBe('MISS');
  });

  it('does not serve a kept answer for variables that are not an object', async () => {
    expect(await cacheOf(DEPARTMENT, { code: 'BIZ' })).toBe('MISS');
    const refused = await post(gateway.url, { query: DEPARTMENT, variables: 'code' });
    expect(refused.headers.get('x-cache')).toBeNull();
    expect(refused.body.errors?.length).toBeGreaterThan(0);
  });

  it('keeps no answer larger than an eighth of the cache', async () => {
    const big = { code: 'X'.repeat(600) };
    expect(await cacheOf(DEPARTMENT, big)).toBe('MISS');
    const again = await post(gateway.url, { query: DEPARTMENT, variables: big });
    expect(again.headers.get('x-cache')).toBe('MISS');
    expect(again.headers.get('cache-control')).toBe('private, no-store');
  });

  it('drops the least recently used answers beyond its bytes', async () => {
    // Each entry holds at least its key (the ~70-character document): 80 of them cannot fit in 4 KiB.
    const codes = Array.from({ length: 80 }, (_, i) => `LRU-${i}`);
    for (const code of codes) expect(await cacheOf(DEPARTMENT, { code })).toBe('MISS');
    expect(await cacheOf(DEPARTMENT, { code: codes.at(-1) })).toBe('HIT');
    expect(await cacheOf(DEPARTMENT, { code: codes[0] })).toBe('MISS');
  });
});

/** An answer being computed when a mutation lands is kept unless the mutation changed what it holds. */
describe('response cache: answers in flight during a mutation', () => {
  const procedures = new SubgraphProxy(inject('subgraphUrls').procedures);
  let gateway: RunningGateway;
  beforeAll(async () => {
    await procedures.start();
    procedures.passCacheControl = true; // the catalogue's max-age, without which nothing is kept
    gateway = await startTestGateway({
      subgraphUrls: { ...inject('subgraphUrls'), procedures: procedures.url },
      responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 },
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await procedures.stop();
  });

  /** Sends the catalogue with its procedures call held 1.5 s, runs `meanwhile` while it is held, then waits for it. */
  const catalogueAround = async (first: number, meanwhile: () => Promise<void>) => {
    const catalogue = { query: operation('web/ProcedureCatalog'), variables: { first } };
    procedures.delayMs = 1500;
    const arrived = procedures.nextRequest();
    const answer = post(gateway.url, catalogue);
    await arrived;
    procedures.delayMs = 0; // only the catalogue's call is held
    await meanwhile();
    expect((await answer).headers.get('x-cache')).toBe('MISS');
    return (await post(gateway.url, catalogue)).headers.get('x-cache');
  };

  it("keeps it when the mutation was another subgraph's", async () => {
    const kept = await catalogueAround(5, async () => {
      const feedback = await post(
        gateway.url,
        { query: operation('web/SubmitFeedback'), variables: { input: { kind: 'SUGGESTION', departmentId: departmentId('TAX'), subject: 'In flight', body: 'A suggestion.' } } },
        { authorization: `Bearer ${await tokenFor('citizen@demo.gov')}` },
      );
      expect(feedback.body.data.submitFeedback.userErrors).toEqual([]);
    });
    expect(kept).toBe('HIT');
  });

  it('does not keep it when the mutation changed what it holds', async () => {
    expect(await catalogueAround(6, () => touchProcedures(gateway.url))).toBe('MISS');
  });
});
