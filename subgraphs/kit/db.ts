import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type CompiledQuery, type DatabaseConnection, type Driver, type PostgresDialectConfig } from 'kysely';
import pg from 'pg';
import { SpanKind } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from '../../core/database-errors';
import { DEADLINE_PASSED } from '../../core/deadline';
import { log } from '../../core/log';
import { inSpan, tracing } from '../../core/tracing';
import { measurePool } from './pool-metrics';

// Postgres `timestamptz` and `bigint` come back as JS Dates and numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

/**
 * Per request: how many database transactions it has open, so a subgraph cannot ask another
 * inside one (kit/service-graph.ts), and when the gateway stops waiting for its answer (epoch ms,
 * core/deadline.ts). Entered for every request by the subgraph server.
 */
export const requestScope = new AsyncLocalStorage<{ openTransactions: number; deadline: number | null }>();

/**
 * A request the gateway has stopped waiting for was answered 503 (retryable): committing it now
 * would keep what the client was told failed, and its retry would do it twice. Rolled back instead.
 */
const pastDeadline = () =>
  new GraphQLError('This took too long and was not done. Try again in a moment.', { extensions: { code: DEADLINE_PASSED } });

/** Whether the current request holds a database transaction open. */
export const transactionsOpen = () => (requestScope.getStore()?.openTransactions ?? 0) > 0;

/**
 * A span per SQL statement sent (transactions' begin and commit included), when the request is
 * traced: the statement's text with its `$n` placeholders (never the values) and the schema.
 * The driver's connection is where every statement passes, whatever built it (Kysely, `sql`,
 * migrations). Its method is replaced on the instance, once: the driver calls private methods
 * of its own connection objects, so a wrapper object would not do.
 */
const traced = new WeakSet<DatabaseConnection>();
function traceStatements(connection: DatabaseConnection, schema: string): DatabaseConnection {
  if (traced.has(connection)) return connection;
  traced.add(connection);
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = <R>(query: CompiledQuery) => {
    if (!tracing()) return execute<R>(query);
    const verb = /^\s*(?:\/\*.*?\*\/\s*)?(\w+)/s.exec(query.sql)?.[1]?.toLowerCase() ?? 'sql';
    const attributes = { 'db.system.name': 'postgresql', 'db.namespace': schema, 'db.operation.name': verb, 'db.query.text': query.sql };
    return inSpan(`${verb} ${schema}`, attributes, () => execute<R>(query), SpanKind.CLIENT);
  };
  return connection;
}

/** Kysely's Postgres dialect, telling the request's store when a transaction begins and ends, and tracing statements. */
class TrackedPostgresDialect extends PostgresDialect {
  constructor(config: PostgresDialectConfig, private readonly schema: string) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const mark = (delta: number) => {
      const store = requestScope.getStore();
      if (store) store.openTransactions += delta;
    };
    const tracked: Partial<Driver> = {
      acquireConnection: async () => traceStatements(await driver.acquireConnection(), this.schema),
      beginTransaction: async (connection, settings) => {
        await driver.beginTransaction(connection, settings);
        mark(1);
      },
      commitTransaction: async (connection) => {
        // Kysely rolls the transaction back when its commit throws (rollbackTransaction below).
        const deadline = requestScope.getStore()?.deadline;
        if (deadline != null && Date.now() >= deadline) throw pastDeadline();
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
    dialect: new TrackedPostgresDialect({ pool }, schema),
  }).withSchema(schema);
}
