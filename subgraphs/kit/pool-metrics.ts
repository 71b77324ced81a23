import type pg from 'pg';
import { Gauge, Histogram } from 'prom-client';
import { once } from '../../core/metrics';

/**
 * Connection pools' size and how long a query waits for a connection: a pool too small for its
 * load shows as waits long before it shows as timeouts. Pools are labelled by their owner (a
 * subgraph, `files`, `registry`; `embedded` for the one connection of PGlite).
 */
const pools = new Map<string, pg.Pool>();

once('egov_db_pool_connections', () =>
  new Gauge({
    name: 'egov_db_pool_connections',
    help: 'Connections of a pool: total (open), idle, waiting (queries queued for one), max',
    labelNames: ['pool', 'state'],
    collect() {
      this.reset();
      for (const [name, p] of pools) {
        this.set({ pool: name, state: 'total' }, p.totalCount);
        this.set({ pool: name, state: 'idle' }, p.idleCount);
        this.set({ pool: name, state: 'waiting' }, p.waitingCount);
        this.set({ pool: name, state: 'max' }, p.options.max ?? 10);
      }
    },
  }),
);
const wait = once('egov_db_pool_wait_seconds', () =>
  new Histogram({ name: 'egov_db_pool_wait_seconds', help: 'Time a query waited for a connection of its pool', labelNames: ['pool'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] }),
);

type Callback = (err: Error | undefined, client: pg.PoolClient, release: (err?: Error | boolean) => void) => void;

/** Measures every checkout of `pool` (Kysely's and `pool.query`'s alike) under `name`. */
export function measurePool(pool: pg.Pool, name: string): void {
  pools.set(name, pool);
  const connect = pool.connect.bind(pool) as (cb?: Callback) => Promise<pg.PoolClient> | void;
  const observe = (t0: number) => wait.observe({ pool: name }, (performance.now() - t0) / 1000);
  pool.connect = ((cb?: Callback) => {
    const t0 = performance.now();
    if (cb) {
      return connect((err, client, release) => {
        observe(t0);
        cb(err, client, release);
      });
    }
    return (connect() as Promise<pg.PoolClient>).finally(() => observe(t0));
  }) as typeof pool.connect;
  const end = pool.end.bind(pool);
  pool.end = (() => {
    if (pools.get(name) === pool) pools.delete(name);
    return end();
  }) as typeof pool.end;
}
