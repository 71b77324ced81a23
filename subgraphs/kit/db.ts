import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type Driver, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { isDatabaseUnavailable } from '../../core/database-errors';
import { measurePool } from './pool-metrics';
import { log } from '../../core/log';

// Postgres `timestamptz` and `bigint` come back as JS Dates and numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

/**
 * Per request: the SQL statements it ran (so tests can prove there is no N+1), and how many
 * database transactions it has open (so a subgraph cannot ask another inside one).
 */
export const statementCounter = new AsyncLocalStorage<{ statements: number; openTransactions?: number }>();

/** Whether the current request holds a database transaction open. */
export const transactionsOpen = () => (statementCounter.getStore()?.openTransactions ?? 0) > 0;

/** Kysely's Postgres dialect, telling the request's store when a transaction begins and ends. */
class TrackedPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const mark = (delta: number) => {
      const store = statementCounter.getStore();
      if (store) store.openTransactions = (store.openTransactions ?? 0) + delta;
    };
    const tracked: Partial<Driver> = {
      beginTransaction: async (connection, settings) => {
        await driver.beginTransaction(connection, settings);
        mark(1);
      },
      commitTransaction: async (connection) => {
        mark(-1);
        await driver.commitTransaction(connection);
      },
      rollbackTransaction: async (connection) => {
        mark(-1);
        await driver.rollbackTransaction(connection);
      },
    };
    return new Proxy(driver, {
      get(target, key) {
        if (key in tracked) return tracked[key as keyof Driver];
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

// Counted when a result comes back: Kysely also runs `transformQuery` for every subquery builder
// folded into a statement, which made one statement with three subqueries count as four.
const countStatements: KyselyPlugin = {
  transformQuery(args) {
    return args.node;
  },
  async transformResult(args) {
    const store = statementCounter.getStore();
    if (store) store.statements += 1;
    return args.result;
  },
};

/** A PostgreSQL unique violation (23505), of the given constraint or index if named. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

export interface PoolOptions {
  url: string;
  /** The embedded PGlite serves exactly one connection: every subgraph shares one pool of 1. */
  max?: number;
  /** Whose pool it is, in metrics (kit/pool-metrics.ts). */
  name?: string;
}

/**
 * Tries a new connection a few times over ~0.6 s before failing the request: the embedded
 * PGlite's socket server takes a moment to see that its one connection dropped, and refuses the
 * replacement until it has; a restarting PostgreSQL is back as quickly. A database that is really
 * gone still fails the request fast. Only Kysely's promise form is retried (the pool's own
 * `query` uses the callback form).
 */
class PatientPool extends pg.Pool {
  override connect(...args: unknown[]): any {
    if (args.length) return (super.connect as (...a: unknown[]) => unknown)(...args);
    return (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await super.connect();
        } catch (err) {
          if (attempt >= 4 || !isDatabaseUnavailable(err) || this.ending) throw err;
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
        }
      }
    })();
  }
}

/**
 * A pool that survives its database: a lost connection never crashes the process, the statement
 * it was running fails (DATABASE_UNAVAILABLE to the client, core/database-errors.ts), and the
 * next one gets a new connection, so the platform serves again as soon as the database is back.
 */
export function createPool({ url, max = 10, name = 'default' }: PoolOptions): pg.Pool {
  // A connection that cannot be had within the deadline fails the request instead of holding it:
  // a database that does not answer at all (not merely refuses) costs a client 10 s, not forever.
  const pool = new PatientPool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
  measurePool(pool, name);
  // An idle client that loses its server: the pool drops and later replaces it.
  pool.on('error', (err) => log.error({ component: 'db', err }, 'idle connection lost'));
  // A checked-out client that loses its server between two statements (inside a transaction, or
  // while its request awaits something else) emits 'error' on itself, which the pool does not
  // listen to; unheard, it is an uncaught exception. The pool discards it on release.
  pool.on('connect', (client) => client.on('error', (err) => log.error({ component: 'db', err }, 'connection lost')));
  return pool;
}

/**
 * A Kysely instance bound to one subgraph's Postgres schema. `withSchema` qualifies every table,
 * rather than `SET search_path`, because the embedded PGlite multiplexes one backend session and
 * a session setting would leak between subgraphs.
 */
export function createDb<DB>(pool: pg.Pool, schema: string): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new TrackedPostgresDialect({ pool }),
    plugins: [countStatements],
  }).withSchema(schema);
}
