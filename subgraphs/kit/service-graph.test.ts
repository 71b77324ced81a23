import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool, requestScope } from './db';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { ServiceGraph } from './service-graph';

// A stand-in for the gateway's internal path that answers every call.
let calls = 0;
const gateway = http.createServer((_req, res) => {
  calls += 1;
  res.setHeader('content-type', 'application/json').end(JSON.stringify({ data: { ok: true } }));
});
let pg: EmbeddedPostgres;
let url: string;
beforeAll(async () => {
  pg = await startEmbeddedPostgres(null);
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/service/graphql`;
});
afterAll(async () => {
  gateway.closeAllConnections();
  await new Promise((r) => gateway.close(r));
  await pg?.stop();
});

describe('ServiceGraph', () => {
  it('refuses to ask another subgraph while the request holds a database transaction, and asks outside one', async () => {
    const pool = createPool({ url: pg.url, max: 1 });
    const db = createDb<any>(pool, 'public');
    const graph = new ServiceGraph(url, 'token', 'r-1');
    try {
      await requestScope.run({ openTransactions: 0, deadline: null }, async () => {
        await db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await expect(graph.request('{ ok }')).rejects.toThrow(/inside a database transaction/);
        });
        // Committed: the request holds none now; a rolled-back one releases it too.
        expect(await graph.request('{ ok }')).toEqual({ ok: true });
        await db.transaction().execute(async () => Promise.reject(new Error('rolled back'))).catch(() => {});
        expect(await graph.request('{ ok }')).toEqual({ ok: true });
      });
      expect(calls).toBe(2);
    } finally {
      await pool.end();
    }
  });
});
