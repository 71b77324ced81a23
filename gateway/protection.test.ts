import { randomUUID } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documentId, canonical } from '../core/operations';
import { gql, operation, tokenFor } from '../test/graph';
import { post, startTestGateway } from '../test/gateway';

type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;
const codeOf = (r: { body: any }) => r.body.errors?.[0]?.extensions?.code;

/** A signed-in admin account of this file's own (made by the demo admin), for what ends its sessions. */
async function ownAdmin(): Promise<string> {
  const email = `protection.${randomUUID().slice(0, 8)}@staff.example.gov`;
  const password = 'a-protection-password';
  const created = await gql(operation('analyst/CreateStaffAccount'), { input: { email, password, displayName: 'Protection Admin', role: 'ADMIN' } }, { token: await tokenFor('admin@demo.gov') });
  if (!created.data?.createStaffAccount?.user) throw new Error(`cannot create an admin: ${JSON.stringify(created)}`);
  return tokenFor(email, password);
}

describe('operation limits', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw?.stop());

  it('refuses 500 aliases, too many root fields and too many tokens with their codes', async () => {
    const aliases = `{ departments { ${Array.from({ length: 500 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    const r1 = await post(gw.url, { query: aliases });
    expect(r1.status).toBe(400);
    expect(codeOf(r1)).toBe('ALIAS_LIMIT');

    const roots = `{ ${Array.from({ length: 25 }, (_, i) => `r${i}: __typename`).join(' ')} }`;
    expect(codeOf(await post(gw.url, { query: roots }))).toBe('TOO_MANY_ROOT_FIELDS');

    const tokens = `{ departments { ${'id '.repeat(6000)} } }`;
    expect(codeOf(await post(gw.url, { query: tokens }))).toBe('TOKEN_LIMIT');
  });

  it('refuses a query 30 levels deep, and first: 100000 as a literal or a variable', async () => {
    let inner = 'id';
    for (let i = 0; i < 8; i++) inner = `department { publications(first: 1) { edges { node { ${inner} } } } }`;
    const deep = await post(gw.url, { query: `{ publications(first: 1) { edges { node { ${inner} } } } }` });
    expect(deep.status).toBe(400);
    expect(codeOf(deep)).toBe('DEPTH_LIMIT');

    const literal = await post(gw.url, { query: '{ publications(first: 100000) { totalCount } }' });
    expect(codeOf(literal)).toBe('PAGE_SIZE_LIMIT');
    const variable = await post(gw.url, { query: operation('web/PublicationFeed'), variables: { first: 100000 } });
    expect(codeOf(variable)).toBe('PAGE_SIZE_LIMIT');
    expect(variable.body.data).toBeUndefined();
  });

  it('refuses an operation whose estimated cost multiplies page sizes beyond the limit', async () => {
    const query = `{ departments { procedures(first: 100) { edges { node { forms { id } steps { title } faqs { question } department { publications(first: 100) { edges { node { id title } } } } } } } } }`;
    expect(codeOf(await post(gw.url, { query }))).toBe('COST_LIMIT');
  });

  it('refuses a 1 MB body with 413 and a 100-operation batch', async () => {
    const big = await post(gw.url, { query: `{ departments { id } }`, variables: { pad: 'x'.repeat(1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(codeOf(big)).toBe('BODY_TOO_LARGE');

    const batch = await post(gw.url, Array.from({ length: 100 }, () => ({ query: '{ departments { id } }' })));
    expect(batch.status).toBe(400);
    expect(codeOf(batch)).toBe('BATCH_LIMIT');
    expect(batch.body.errors[0].extensions.params).toEqual({ max: 10 });
    // In the reader's language, with the limit in it.
    const zh = await post(gw.url, Array.from({ length: 100 }, () => ({ query: '{ departments { id } }' })), { 'x-egov-language': 'zh' });
    expect(zh.body.errors[0].message).toBe('一批最多包含 10 个操作。');

    const small = await post(gw.url, [{ query: '{ departments { id } }' }, { query: '{ me { id } }' }]);
    expect(small.status).toBe(200);
    expect(small.body).toHaveLength(2);
  });

  it('keeps answering others while refusing', async () => {
    const hostile = Array.from({ length: 20 }, () =>
      post(gw.url, { query: `{ departments { ${Array.from({ length: 500 }, (_, i) => `a${i}: id`).join(' ')} } }` }),
    );
    const ok = await post(gw.url, { query: '{ departments { code } }' });
    expect(ok.body.data.departments.length).toBeGreaterThan(3);
    for (const r of await Promise.all(hostile)) expect(codeOf(r)).toBe('ALIAS_LIMIT');
  });

  it('lets every contract operation through the limits', async () => {
    const { buildManifest } = await import('../core/operations');
    const { ROOT } = await import('../core/root');
    const path = await import('node:path');
    // Every operation runs, SignOutEverywhere among them (it needs no variables): as an admin of
    // this test's own, not admin@demo.gov, whose sessions every other test file signed in as
    // would otherwise end ("Your session has ended") in the middle of its run.
    const token = await ownAdmin();
    for (const op of buildManifest(path.join(ROOT, 'clients', 'operations')).operations) {
      const r = await post(gw.url, { query: op.body, variables: { first: 100 } }, { authorization: `Bearer ${token}` });
      const limitErrors = (r.body.errors ?? []).filter((e: any) => /LIMIT|TOO_MANY/.test(e.extensions?.code));
      expect(limitErrors, op.name).toEqual([]);
    }
  });
});

describe('trusted documents', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ safelist: 'enforce' });
  });
  afterAll(() => gw?.stop());

  it('refuses an unlisted anonymous query, runs it for an analyst', async () => {
    const query = '{ departments { code name } }';
    const anon = await post(gw.url, { query });
    expect(codeOf(anon)).toBe('OPERATION_NOT_TRUSTED');
    expect(anon.body.data).toBeUndefined();
    const citizen = await post(gw.url, { query }, { authorization: `Bearer ${await tokenFor('citizen@demo.gov')}` });
    expect(codeOf(citizen)).toBe('OPERATION_NOT_TRUSTED');
    const analyst = await post(gw.url, { query }, { authorization: `Bearer ${await tokenFor('analyst@demo.gov')}` });
    expect(analyst.body.errors).toBeUndefined();
    expect(analyst.body.data.departments.length).toBeGreaterThan(3);
  });

  it('runs a listed operation sent as text, by documentId, and by APQ hash', async () => {
    const token = await tokenFor('citizen@demo.gov');
    const auth = { authorization: `Bearer ${token}` };
    const text = await post(gw.url, { query: operation('web/Me') }, auth);
    expect(text.body.data.me.email).toBe('citizen@demo.gov');
    const id = documentId(canonical(operation('web/Me')));
    const byId = await post(gw.url, { documentId: `sha256:${id}` }, auth);
    expect(byId.body.data.me.email).toBe('citizen@demo.gov');
    const byApq = await post(gw.url, { extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, auth);
    expect(byApq.body.data.me.email).toBe('citizen@demo.gov');
    const unknown = await post(gw.url, { documentId: `sha256:${'0'.repeat(64)}` });
    expect(unknown.body.errors).toBeDefined();
  });
});

describe('production mode', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { NODE_ENV: 'production' } });
  });
  afterAll(() => gw?.stop());

  // The rules themselves are tabled in gateway/rules/rules.test.ts; this is what a client sees.
  it('answers policy refusals with 400 and their codes, whatever fragments hide them', async () => {
    const analyst = { authorization: `Bearer ${await tokenFor('analyst@demo.gov')}` };
    const refused = async (body: object, headers = {}) => {
      const r = await post(gw.url, body, headers);
      expect(r.body.data, JSON.stringify(r.body.errors)).toBeUndefined();
      return [r.status, codeOf(r)];
    };

    const inline = '{ ... on Query { __schema { queryType { name } } } }';
    const named = 'query Q { ...Schema } fragment Schema on Query { __schema { queryType { name } } }';
    expect(await refused({ query: inline })).toEqual([400, 'INTROSPECTION_DISABLED']);
    expect(await refused({ query: named })).toEqual([400, 'INTROSPECTION_DISABLED']);
    const allowed = await post(gw.url, { query: named }, analyst);
    expect([allowed.status, allowed.body.data?.__schema.queryType.name]).toEqual([200, 'Query']);
    // The explorer's own schema query (GraphiQL's), 15 levels deep.
    const explorer = await post(gw.url, { query: getIntrospectionQuery() }, analyst);
    expect([explorer.status, explorer.body.errors]).toEqual([200, undefined]);
    expect(explorer.body.data.__schema.types.length).toBeGreaterThan(50);

    const roots = `{ ...Roots } fragment Roots on Query { ${Array.from({ length: 25 }, (_, i) => `r${i}: __typename`).join(' ')} }`;
    expect(await refused({ query: roots }, analyst)).toEqual([400, 'TOO_MANY_ROOT_FIELDS']);

    // 131 at n = 5; 40,601 if n counted as the largest page (100).
    const paged = `query Paged($n: Int) { publications(first: $n) { edges { node { id title department {
      publications(first: $n) { edges { node { id title } } } } } } } }`;
    const five = await post(gw.url, { query: paged, variables: { n: 5 } }, analyst);
    expect([five.status, five.body.errors]).toEqual([200, undefined]);
    expect(five.body.data.publications.edges.length).toBe(5);
    expect(await refused({ query: paged, variables: { n: 100 } }, analyst)).toEqual([400, 'COST_LIMIT']);
    expect(await refused({ query: paged, variables: { n: 101 } }, analyst)).toEqual([400, 'PAGE_SIZE_LIMIT']);
    expect((await refused({ query: paged, variables: { n: 'five' } }, analyst))[1]).toBe('BAD_USER_INPUT');
  });

  it('hides field suggestions from the public and carries a request id on every error', async () => {
    const r = await post(gw.url, { query: '{ departmentz { id } }' }, { 'x-request-id': 'req-test-1' });
    expect(r.body.errors[0].message).not.toMatch(/Did you mean/);
    expect(r.body.errors[0].extensions.requestId).toBe('req-test-1');
    expect(r.headers.get('x-request-id')).toBe('req-test-1');
    const analyst = await post(gw.url, { query: '{ departmentz { id } }' }, { authorization: `Bearer ${await tokenFor('analyst@demo.gov')}` });
    expect(analyst.body.errors[0].message).toMatch(/Did you mean/);
  });

  it('leaks nothing internal for a failing subgraph', async () => {
    // Nothing listens on the discard port: the identity subgraph's fetch fails with its address.
    const down = await startTestGateway({
      env: { NODE_ENV: 'production' },
      subgraphUrls: { ...inject('subgraphUrls'), identity: 'http://127.0.0.1:9/graphql' },
    });
    try {
      const r = await post(down.url, { query: '{ departments { id } }' });
      const text = JSON.stringify(r.body);
      // A passing failure the client may retry, a 503 since nothing was answered; nothing says where or why.
      expect(r.status).toBe(503);
      expect(r.body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(text).not.toMatch(/uuid|select|stack|127\.0\.0\.1|localhost|identity|postgres|ECONNREFUSED|at \w+ \(/i);
      expect(r.body.errors[0].extensions.requestId).toBeTruthy();
    } finally {
      await down.stop();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After beyond the per-address limit', async () => {
    const gw = await startTestGateway({ env: { RATE_LIMIT_IP_PER_MINUTE: '5' } });
    try {
      const results = [];
      for (let i = 0; i < 7; i++) results.push(await post(gw.url, { query: '{ __typename }' }));
      expect(results.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results[5].status).toBe(429);
      expect(Number(results[5].headers.get('retry-after'))).toBeGreaterThan(0);
      expect(codeOf(results[5])).toBe('RATE_LIMITED');
    } finally {
      await gw.stop();
    }
  });

  it('shares one limit between replicas through Redis', async () => {
    const env = { RATE_LIMIT_IP_PER_MINUTE: '100000', RATE_LIMIT_USER_PER_MINUTE: '4', REDIS_URL: 'redis://127.0.0.1:6379' };
    const [a, b] = await Promise.all([startTestGateway({ env }), startTestGateway({ env })]);
    try {
      const { eventually, newCitizen } = await import('../test/graph');
      // Until its Redis connection is ready each replica limits alone, with its share of the limit
      // (gateway/rate-limit.ts), and 3 + 3 would all pass: wait until both say the limits are shared.
      await eventually(async () => {
        for (const g of [a, b]) expect(await fetch(new URL('/ready', g.origin)).then((r) => r.json())).toMatchObject({ rateLimits: 'shared' });
      });
      // A fresh user, so earlier runs' counters in Redis do not matter.
      const { token } = await newCitizen(`rl${randomUUID().slice(0, 6)}`);
      const auth = { authorization: `Bearer ${token}` };
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 ? b.url : a.url, { query: '{ __typename }' }, auth)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describe('browsers', () => {
  it('blocks a simple cross-site GET (CSRF) and allows only configured origins (CORS)', async () => {
    const gw = await startTestGateway({ env: { CORS_ORIGINS: 'https://portal.example.gov' } });
    try {
      // A form or <img> can send this GET without a preflight: Apollo's CSRF prevention refuses it.
      const csrf = await fetch(`${gw.url}?query=${encodeURIComponent('{ departments { id } }')}`);
      expect(csrf.status).toBe(400);
      const ok = await fetch(`${gw.url}?query=${encodeURIComponent('{ departments { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(ok.status).toBe(200);

      const preflight = (origin: string) =>
        fetch(gw.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
      expect((await preflight('https://portal.example.gov')).headers.get('access-control-allow-origin')).toBe('https://portal.example.gov');
      expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await gw.stop();
    }
  });
});
