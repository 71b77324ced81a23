import cluster, { type Worker } from 'node:cluster';
import { bootPlatform } from './boot';
import type { Env } from './config';

/** What a replica tells the primary once it serves. */
export interface ReplicaReady {
  ready: true;
  origin: string;
  url: string;
}

/** In a replica: tells the primary it serves (nothing to tell without a primary). */
export function announceReady(origin: string, url: string): void {
  if (cluster.isWorker) process.send!({ ready: true, origin, url } satisfies ReplicaReady);
}

/** Resolves when a forked replica says it serves (announceReady); rejects if it exits first. */
export function replicaReady(worker: Worker): Promise<ReplicaReady> {
  return new Promise<ReplicaReady>((resolve, reject) => {
    worker.on('message', (m: ReplicaReady) => m?.ready && resolve(m));
    worker.once('exit', (code) => reject(new Error(`a replica exited with ${code} while starting; see its output above`)));
  });
}

export interface Workers {
  origin: string;
  url: string;
  stop: () => Promise<void>;
}

/**
 * The platform on every core: `PLATFORM_WORKERS` replicas (gateway and subgraphs each) sharing
 * the platform's ports through node:cluster, which hands each new connection to the next
 * replica. The primary migrates and seeds once, forks the replicas, replaces any that dies, and
 * on stop lets each finish its in-flight requests. Replicas coordinate as gateways on separate
 * hosts do, through Redis (REDIS_URL: one rate limit, a mutation clears every replica's response
 * cache); there is no second, same-machine path. What a replica keeps in memory otherwise stays its
 * own: the remembered totals (at most 5 s old). Needs a real PostgreSQL (DATABASE_URL) and Redis
 * (REDIS_URL), which the configuration checks.
 */
export async function runWorkers(env: Env, opts: { seed: boolean; log: (line: string) => void }): Promise<Workers> {
  const count = env.PLATFORM_WORKERS;
  const prepared = await bootPlatform({ env, seed: opts.seed, serve: false, log: opts.log });
  await prepared.stop();

  const replicaEnv = { SEED: 'never' };
  let stopping = false;
  const fork = () => cluster.fork(replicaEnv);
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) return;
    opts.log(`replica ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`);
    // A pause, so a replica that cannot start (a port taken, the database gone) does not spin.
    setTimeout(() => !stopping && fork(), 1000);
  });

  const ready = await Promise.all(Array.from({ length: count }, () => replicaReady(fork()))).catch(async (err) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    throw err;
  });
  opts.log(`${count} replicas serving`);

  return {
    origin: ready[0].origin,
    url: ready[0].url,
    stop: async () => {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      await Promise.all(
        alive.map((w) => {
          const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
          w.kill('SIGTERM');
          return exited;
        }),
      );
    },
  };
}
