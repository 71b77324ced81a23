import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayUrl, newCitizen, operation, tokenFor } from '../test/graph';
import { post, startTestGateway } from '../test/gateway';

/**
 * Hostile or broken input, as an attacker sends it, answered with a 4xx-class error and a message
 * a person can read: never a 500, never a database's words, in development and in production.
 */
const LEAK = /\bsql\b|syntax|\bpg\b|relation|postgres|uuid:|invalid input|stack/i;

const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

const modes = [
  { mode: 'development', url: () => gatewayUrl() },
  { mode: 'production', url: () => production.url },
];
let production: Awaited<ReturnType<typeof startTestGateway>>;
let admin: string;

beforeAll(async () => {
  production = await startTestGateway({ env: { NODE_ENV: 'production' } });
  admin = await tokenFor('admin@demo.gov');
});
afterAll(() => production?.stop());

function expectClean(body: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const e of body.errors ?? []) {
    expect(e.message).not.toMatch(LEAK);
    expect(e.extensions?.stacktrace).toBeUndefined();
    expect(e.extensions?.exception).toBeUndefined();
  }
}

describe.each(modes)('bad input in $mode', ({ url }) => {
  const asAdmin = (body: unknown) => post(url(), body, { authorization: `Bearer ${admin}` });

  /**
   * The contract: a record that is not the caller's is answered exactly like one that does not
   * exist, so ids cannot be probed. A malformed id names no record either: it gets the very answer
   * a well-formed id that matches nothing gets (NOT_FOUND, null, an empty list or a userError),
   * never a 500 and never the database's refusal to cast it.
   */
  const NOWHERE = '00000000-0000-4000-8000-000000000000';
  const citizenOnly = new Set(['submitFeedback', 'rateFeedback', 'supplementApplication']);
  it.each([
    ['application', (id: string) => `{ application(id: "${id}") { id } }`],
    ['feedback', (id: string) => `{ feedback(id: "${id}") { id } }`],
    ['procedure', (id: string) => `{ procedure(id: "${id}") { id } }`],
    ['publication', (id: string) => `{ publication(id: "${id}") { id } }`],
    ['department', (id: string) => `{ department(id: "${id}") { id } }`],
    ['withdrawApplication', (id: string) => `mutation { withdrawApplication(id: "${id}", expectedVersion: 1) { userErrors { code } } }`],
    ['startFeedback', (id: string) => `mutation { startFeedback(id: "${id}") { userErrors { code } } }`],
    ['updateProcedure', (id: string) => `mutation { updateProcedure(id: "${id}", input: { title: "T" }) { userErrors { code } } }`],
    ['replyToFeedback', (id: string) => `mutation { replyToFeedback(input: { feedbackId: "${id}", body: "A reply long enough." }) { userErrors { code } } }`],
    ['transitionApplication', (id: string) => `mutation { transitionApplication(input: { id: "${id}", action: ACCEPT, expectedVersion: 1 }) { userErrors { code } } }`],
    ['submitFeedback', (id: string) => `mutation { submitFeedback(input: { kind: COMPLAINT, departmentId: "${id}", procedureId: "${id}", subject: "A subject", body: "A body long enough." }) { userErrors { field code } } }`],
    ['applicationQueue filter', (id: string) => `{ applicationQueue(filter: { departmentId: "${id}", procedureId: "${id}" }) { edges { node { id } } } }`],
    ['feedbackQueue filter', (id: string) => `{ feedbackQueue(filter: { departmentId: "${id}" }) { edges { node { id } } } }`],
    ['procedures filter', (id: string) => `{ procedures(filter: { departmentId: "${id}" }) { edges { node { id } } } }`],
    ['publications filter', (id: string) => `{ publications(filter: { departmentId: "${id}" }) { edges { node { id } } } }`],
    ['auditLog filter', (id: string) => `{ auditLog(filter: { actorId: "${id}" }) { edges { node { action } } } }`],
  ])('a malformed id (%s) is answered like an id that matches nothing', async (name, query) => {
    const token = citizenOnly.has(name) ? (await newCitizen('badid')).token : admin;
    const as = (id: string) => post(url(), { query: query(id) }, { authorization: `Bearer ${token}` });
    const expected = await as(NOWHERE);
    expect(expected.status).toBeLessThan(500);
    for (const id of ['not-a-uuid', '1 OR 1=1', "'; drop table users; --", '42', 'a'.repeat(5000)]) {
      const res = await as(id);
      expect(res.status, id).toBe(expected.status);
      if (res.body.errors) expectClean(res.body);
      // A form may name a malformed reference apart from a missing one (INVALID_REFERENCE), on the same field.
      const shape = (d: any) => (name === 'submitFeedback' ? d.submitFeedback.userErrors.map((e: any) => e.field) : d);
      expect(shape(res.body.data), id).toEqual(shape(expected.body.data));
      expect(res.body.errors?.map((e: any) => [e.extensions.code, e.message]), id).toEqual(expected.body.errors?.map((e: any) => [e.extensions.code, e.message]));
    }
  });

  it('a malformed id in a contract operation\'s variable is NOT_FOUND', async () => {
    const res = await post(url(), { query: operation('web/ApplicationDetail'), variables: { id: 'garbage' } }, { authorization: `Bearer ${admin}` });
    expect(res.status).toBe(200);
    expectClean(res.body);
    expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['procedures', (after: string) => `{ procedures(first: 2, after: "${after}") { edges { node { id } } } }`],
    ['publicFeedback', (after: string) => `{ publicFeedback(first: 2, after: "${after}") { edges { node { id } } } }`],
    ['publications', (after: string) => `{ publications(first: 2, after: "${after}") { edges { node { id } } } }`],
    ['auditLog', (after: string) => `{ auditLog(first: 2, after: "${after}") { edges { node { action } } } }`],
    ['applicationQueue', (after: string) => `{ applicationQueue(first: 2, after: "${after}") { edges { node { id } } } }`],
  ])('a forged or garbage cursor on %s is BAD_USER_INPUT', async (_, query) => {
    for (const after of [forged(['not a date', 'not-a-uuid']), forged([1, 2]), forged(['x', "'; select 1; --"]), forged({}), '!!!', forged('\u0000')]) {
      const res = await asAdmin({ query: query(after) });
      expect(res.status, after).toBeLessThan(500);
      expectClean(res.body);
      expect(res.body.errors.map((e: any) => e.extensions.code), after).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors[0].message).toMatch(/not a valid cursor/);
    }
  });

  it('a NUL byte in any string variable is a 400 before any subgraph', async () => {
    for (const variables of [{ text: 'water\u0000' }, { input: { email: 'a@b.org', password: 'pw-long-enough-1', displayName: 'x\u0000y' } }, { deep: [{ a: ['\u0000'] }] }]) {
      const res = await post(url(), { query: operation('web/Search'), variables });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('INVALID_CHARACTER');
      expect(res.body.errors[0].message).toMatch(/NUL/);
      expectClean(res.body);
    }
  });

  it('a NUL byte in a GET request\'s variables is a 400 too', async () => {
    const get = new URL(url());
    get.searchParams.set('query', operation('web/Search'));
    get.searchParams.set('variables', JSON.stringify({ text: 'water\u0000' }));
    const res = await fetch(get, { headers: { 'apollo-require-preflight': '1' } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('INVALID_CHARACTER');
  });

  it('a NUL escape in the document itself is a 400', async () => {
    const res = await post(url(), { query: '{ searchProcedures(text: "water\\u0000") { edges { node { id } } } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('INVALID_CHARACTER');
  });

  it('deeply nested or oversized variables are a 400 with VARIABLES_LIMIT', async () => {
    for (const variables of [{ text: 'water', x: nested(200) }, { text: 'water', x: Array.from({ length: 20_000 }, (_, i) => i) }]) {
      const res = await post(url(), { query: operation('web/Search'), variables });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('VARIABLES_LIMIT');
      expectClean(res.body);
    }
    // Thousands of levels, which would overflow a recursive walk, get the same answer.
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"{ __typename }","variables":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('VARIABLES_LIMIT');
  });

  it('variables of an ordinary size and depth pass', async () => {
    const res = await post(url(), { query: operation('web/Search'), variables: { text: 'water', extra: nested(10) } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('an unknown operationName is a 400', async () => {
    const res = await post(url(), { query: 'query A { __typename } query B { __typename }', operationName: 'Nope' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(res.body.errors[0].message).toMatch(/no operation named "Nope"/);
    expectClean(res.body);
  });
});
