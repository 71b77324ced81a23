import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type Driver, type KyselyPlugin } from 'kysely';
import pg from 'pg';

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
}

export function createPool({ url, max = 10 }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', (err) => console.error('[db] idle client error:', err.message));
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
