import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../platform/embedded-postgres';
import { createDb, createPool } from '../kit/db';
import { ANONYMOUS, IDENTITY_HEADER, IdentitySigner } from '../kit/identity';
import type { RunningSubgraph } from '../kit/server';
import { startDepartmentSubgraph } from '../kit/standalone';
import { __camel__ } from './module';

/** The subgraph on a database of its own, asked directly with a gateway-signed identity. */
const signer = new IdentitySigner('a-test-secret-that-is-long-enough-000');
let pg: EmbeddedPostgres;
let pool: ReturnType<typeof createPool>;
let running: RunningSubgraph;

beforeAll(async () => {
  pg = await startEmbeddedPostgres(null);
  pool = createPool({ url: pg.url, max: 1 });
  running = await startDepartmentSubgraph({ module: __camel__, db: createDb<any>(pool, '__name__'), signer, gatewayUrl: 'http://127.0.0.1:1/graphql', seed: true });
});
afterAll(async () => {
  await running?.stop();
  await pool?.end();
  await pg?.stop();
});

const ask = async (query: string, variables = {}) => {
  const res = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await signer.sign({ ...ANONYMOUS, service: 'gateway' }) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
};

describe('__name__ subgraph', () => {
  it('lists its entries and resolves them and departments as entities', async () => {
    const list = await ask('{ __camel__Entries { id title department { id } } }');
    expect(list.errors).toBeUndefined();
    expect(list.data.__camel__Entries.length).toBeGreaterThan(0);
    const { id } = list.data.__camel__Entries[0];
    const deptId = list.data.__camel__Entries[0].department.id;
    const entities = await ask(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on __Pascal__Entry { title } ... on Department { __camel__Entries { id } } } }',
      { r: [{ __typename: '__Pascal__Entry', id }, { __typename: 'Department', id: deptId }] },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data._entities[1].__camel__Entries.map((e: { id: string }) => e.id)).toContain(id);
  });

  it('refuses a caller without the gateway-signed identity', async () => {
    const res = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(401);
  });
});
