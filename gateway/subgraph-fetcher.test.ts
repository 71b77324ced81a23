import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER } from '../core/headers';
import { ANONYMOUS } from '../core/identity';
import { subgraphFetcher } from './subgraph-fetcher';

// A stand-in subgraph that answers after 50 ms, so concurrent calls overlap, and counts what arrives.
let received: { identity: string; body: string }[] = [];
let url: string;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    received.push({ identity: String(req.headers[IDENTITY_HEADER]), body });
    setTimeout(() => res.setHeader('content-type', 'application/json').end(JSON.stringify({ data: { n: received.length } })), 50);
  });
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

// The caller is read when a call starts (in the gateway, from the request's scope); the stand-in
// signer writes who the token is for, so the test sees which caller each sent call carried.
let caller = ANONYMOUS;
let alone = false;
const fetcher = subgraphFetcher(5000, { caller: () => caller, sign: async (identity) => String(identity.userId), alone: () => alone });
const call = (query: string, identity = 'caller-1', own = false) => {
  caller = { ...ANONYMOUS, userId: identity };
  alone = own;
  return fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': Math.random().toString() },
    body: JSON.stringify({ query, variables: { id: 1 } }),
  });
};
const five = async (make: (i: number) => ReturnType<typeof call>) => {
  received = [];
  const answers = await Promise.all([0, 1, 2, 3, 4].map(make));
  return Promise.all(answers.map((a) => a.json() as Promise<{ data: { n: number } }>));
};

describe('subgraph calls', () => {
  it('sends identical queries of one caller in flight once, each caller getting its own copy of the answer', async () => {
    const bodies = await five(() => call('query Q__s__0($id:Int){a(id:$id){b}}'));
    expect(received).toHaveLength(1);
    expect(bodies.map((b) => b.data.n)).toEqual([1, 1, 1, 1, 1]);
    bodies[0].data.n = 99;
    expect(bodies[1].data.n).toBe(1);
    // Shorthand queries too; once answered, the next call goes out again.
    await five(() => call('{a{b}}'));
    expect(received).toHaveLength(1);
    await call('{a{b}}');
    expect(received).toHaveLength(2);
  });

  it('never merges mutations, different callers, different queries, or calls that are to be alone (internal listener)', async () => {
    await five(() => call('mutation M__s__0($id:Int){submit(id:$id){b}}'));
    expect(received).toHaveLength(5);
    await five((i) => call('{a{b}}', `caller-${i}`));
    expect(received.map((r) => r.identity).sort()).toEqual(['caller-0', 'caller-1', 'caller-2', 'caller-3', 'caller-4']);
    await five((i) => call(`{a{b${i}}}`));
    expect(received).toHaveLength(5);
    await five(() => call('{a{b}}', 'caller-1', true));
    expect(received).toHaveLength(5);
  });
});
