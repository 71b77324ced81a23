import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { isDatabaseUnavailable } from '../../core/database-errors';
import { ownDatabase } from '../../test/own-database';

/**
 * A connection that loses its database while checked out (between two statements of a
 * transaction, as under load) must fail only its own work: before, its unheard 'error' event
 * crashed the process. On PostgreSQL the server terminates it (pg_terminate_backend); on the
 * embedded PGlite, whose one session cannot be terminated, the socket to it drops.
 */
const stops: (() => Promise<unknown>)[] = [];
let pool: pg.Pool;
const uncaught: unknown[] = [];
const record = (err: unknown) => uncaught.push(err);

beforeAll(async () => {
  ({ pool } = await ownDatabase('dbloss', stops));
  process.on('uncaughtException', record);
});
afterAll(async () => {
  process.off('uncaughtException', record);
  for (const stop of stops.reverse()) await stop();
});
afterEach(() => expect(uncaught).toEqual([]));

/** Takes the connection away from under `client`, the way the database in use does it. */
async function loseConnection(client: pg.PoolClient): Promise<void> {
  const ended = new Promise((resolve) => client.once('end', resolve));
  if (process.env.DATABASE_URL) {
    // Another connection terminates this one, as an operator (or a failover) would.
    await poolQuery(`select pg_terminate_backend(${(client as unknown as { processID: number }).processID})`);
  } else {
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
  await ended;
}

/** A statement the way Kysely runs it: a client from `connect()`, released after. */
async function poolQuery(text: string) {
  const client = await pool.connect();
  try {
    return await client.query(text);
  } finally {
    client.release();
  }
}

describe('a pool whose connection is lost', () => {
  it('survives a checked-out client losing its connection inside a transaction, and serves again', async () => {
    const client = await pool.connect();
    await client.query('begin');
    await loseConnection(client);
    const next = await client.query('select 1').catch((e: unknown) => e);
    expect(isDatabaseUnavailable(next)).toBe(true);
    client.release();
    // The pool dropped the dead client: the next statement gets a fresh connection.
    expect((await poolQuery('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('says a statement lost with its connection is a passing failure, and a statement error is not', async () => {
    const client = await pool.connect();
    const running = client.query('select pg_sleep(2)').catch((e: unknown) => e);
    await loseConnection(client);
    expect(isDatabaseUnavailable(await running)).toBe(true);
    client.release();
    const bad = await poolQuery('select * from no_such_table').catch((e: unknown) => e);
    expect(isDatabaseUnavailable(bad)).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
  });
});
