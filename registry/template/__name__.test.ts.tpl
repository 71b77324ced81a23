import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IDENTITY_HEADER } from '../../core/headers';
import { ANONYMOUS } from '../../core/identity';
import { IdentityIssuer } from '../../core/identity-tokens';
import { createDb, createPool } from '../kit/db';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../kit/embedded-postgres';
import type { RunningSubgraph } from '../kit/server';
import { startDepartmentSubgraph } from '../kit/standalone';
import { __camel__ } from './module';

/**
 * The subgraph on a database of its own, configured as a department runs it (the platform's JWKS
 * URL and its name), asked directly with identity tokens the test's platform gateway would sign.
 */
let issuer: IdentityIssuer;
let pg: EmbeddedPostgres;
let pool: ReturnType<typeof createPool>;
let running: RunningSubgraph;

beforeAll(async () => {
  issuer = await IdentityIssuer.fromKeys(inject('secrets').identityKeys);
  pg = await startEmbeddedPostgres(null);
  pool = createPool({ url: pg.url, max: 1 });
  running = await startDepartmentSubgraph({
    module: __camel__, db: createDb<any>(pool, '__name__'), jwksUrl: inject('jwksUrl'), serviceUrl: inject('serviceUrl'), seed: true,
  });
});
afterAll(async () => {
  await running?.stop();
  await pool?.end();
  await pg?.stop();
});

// A token names this subgraph and this very body, and is good once.
const ask = async (query: string, variables = {}) => {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await issuer.sign({ ...ANONYMOUS, service: 'gateway' }, '__name__', body) },
    body,
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
