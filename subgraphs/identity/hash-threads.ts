import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Password hashes run on threads of their own at a lower CPU priority (10 nice steps below the
 * process's own, at most 19: a weight about a tenth of a serving thread's). A hash is tens of
 * milliseconds of a core; at the bound (PASSWORD_HASH_CONCURRENCY) hashing takes whole cores, and
 * on a small machine every other user's read would wait behind a sign-in flood. Ten steps lower, a
 * hash gets the CPU that reads leave over: sign-ins slow down under load, reads do not. Relative,
 * not absolute: a platform started under `nice` (as benchmarks run) would otherwise hash at its
 * serving threads' own priority, and as root an absolute 10 would raise a `nice -n 19` process's.
 *
 * Why threads of our own: Node's libuv pool (where async hashing runs) also runs the WebCrypto
 * work of every request (sign-in and identity tokens), so it cannot be deprioritized; a worker
 * thread hashes synchronously (@node-rs/argon2's `hashSync`/`verifySync`) and renices only
 * itself. Linux applies setpriority(2) on a thread id to that thread alone; elsewhere the
 * renice is skipped and the threads run at normal priority.
 */
export const HASHING_NICE = 10;

const ARGON2 = createRequire(import.meta.url).resolve('@node-rs/argon2');

/** The worker's source, evaluated (no file of its own, so the same code runs under tsx and from the build). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const argon2 = require(workerData.argon2);
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  const os = require('node:os');
  os.setPriority(tid, Math.min(19, os.getPriority(tid) + workerData.nice));
} catch {}
parentPort.on('message', (job) => {
  let reply;
  try {
    reply = { ok: true, value: job.op === 'hash' ? argon2.hashSync(job.password, job.options) : argon2.verifySync(job.hash, job.password) };
  } catch (err) {
    reply = { ok: false, message: String((err && err.message) || err) };
  }
  parentPort.postMessage(reply);
});
`;

export type HashJob = { op: 'hash'; password: string; options: object } | { op: 'verify'; hash: string; password: string };

interface Pending {
  resolve: (value: never) => void;
  reject: (err: Error) => void;
}

/**
 * Up to `size` hashing threads, made when first needed, one job each at a time. Callers bound
 * how many jobs run at once (PasswordHashing), so a free thread is always at hand.
 */
export class HashThreads {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();

  constructor(private readonly size: number) {}

  run<T extends string | boolean>(job: HashJob): Promise<T> {
    const worker = this.idle.pop() ?? this.spawn();
    return new Promise<T>((resolve, reject) => {
      this.busy.set(worker, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage(job);
    });
  }

  /** Ends every thread (a stopping subgraph); a later job makes new ones. */
  async close(): Promise<void> {
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    if (this.idle.length + this.busy.size >= this.size) throw new Error('more hashes at once than hashing threads: the caller must bound them');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { argon2: ARGON2, nice: HASHING_NICE } });
    worker.unref(); // idle hashing threads never keep a process alive
    worker.on('message', (reply: { ok: true; value: never } | { ok: false; message: string }) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (reply.ok) pending?.resolve(reply.value);
      else pending?.reject(new Error(reply.message));
    });
    // A thread that dies takes its job with it; the next job makes a new thread.
    const gone = (err: Error) => {
      this.busy.get(worker)?.reject(err);
      this.busy.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`hashing thread exited (${code})`)));
    return worker;
  }
}
