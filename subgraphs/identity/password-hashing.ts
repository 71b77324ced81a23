import { randomUUID } from 'node:crypto';
import { hash as hashOffThread, parseOptions } from '@node-rs/argon2';
import { GraphQLError } from 'graphql';
import { HashThreads } from './hash-threads';

/**
 * Argon2id hashing with a bound on the work in flight. Each hash takes tens of milliseconds of a
 * CPU core and 64 MiB; unbounded, a flood of sign-ins takes every core and every other user's
 * request waits behind it. At most `concurrency` hashes run in this process; up to
 * `QUEUE_PER_SLOT` callers per slot wait their turn (a burst of honest sign-ins), and anyone
 * beyond is refused at once with RATE_LIMITED and a retry delay (HTTP 429 with Retry-After at the
 * gateway), which costs nothing.
 */
const QUEUE_PER_SLOT = 4;

/** Password checks one process takes at once (hashing or waiting); beyond, RATE_LIMITED. */
export const acceptedAtOnce = (concurrency: number) => concurrency * (1 + QUEUE_PER_SLOT);

/**
 * Password checks a process with the gateway and identity in it admits per second. Besides the
 * hash (on its own thread), each costs ~20 ms of the one thread that serves every request (the
 * plan, five statements, the token; bench/sign-in-flood.ts): ten a second is a fifth of it, and
 * leaves the rest to everyone else's reads however many sign-ins arrive.
 */
export const SIGN_INS_PER_SECOND = 10;

/** @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which a file compiled alone cannot read). */
const ARGON2ID = 2;

/**
 * Argon2id as OWASP's password storage guidance gives it (19 MiB, 2 passes) with one lane: the
 * library runs a thread per lane, so its default of four lanes made each hash take four cores, and
 * two at once starved every request on a small machine. One lane: one hash, one core, so
 * PASSWORD_HASH_CONCURRENCY is the cores hashing may take, on threads that yield to every other
 * request (hash-threads.ts). Hashes made with other parameters still verify (a hash carries its
 * own); @node-rs/argon2 reads the PHC strings node-argon2 wrote before, whatever their order of
 * parameters.
 */
export const HASH_COSTS = {
  owasp: { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  /**
   * Argon2's lowest (1 MiB, one pass, ~0.2 ms): for a test suite, which signs in and registers
   * thousands of times and spent ~40 s of CPU hashing at OWASP's cost. PASSWORD_HASH_COST=minimal,
   * refused unless NODE_ENV=test (platform/config.ts).
   */
  minimal: { algorithm: ARGON2ID, memoryCost: 1024, timeCost: 1, parallelism: 1 },
};
export type PasswordHashCost = keyof typeof HASH_COSTS;

/** A hash made outside the bound (seeds, a first admin, bench data). */
export const hashOnce = (password: string, cost: PasswordHashCost = 'owasp') => hashOffThread(password, HASH_COSTS[cost]);
const RETRY_AFTER_SECONDS = 1;

export const hashingBusy = () =>
  new GraphQLError(`Too many sign-ins at once. Try again in ${RETRY_AFTER_SECONDS} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: RETRY_AFTER_SECONDS },
  });

export class PasswordHashing {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  private readonly threads: HashThreads;
  private readonly options: (typeof HASH_COSTS)[PasswordHashCost];
  /** A real hash of a random password at this cost, verified against when an email is unknown, so both take as long. */
  private readonly decoyHash: Promise<string>;

  constructor(readonly concurrency: number, cost: PasswordHashCost = 'owasp') {
    this.threads = new HashThreads(concurrency);
    this.options = HASH_COSTS[cost];
    // Made at once, so the first unknown email takes no longer than the next.
    this.decoyHash = hashOnce(randomUUID(), cost);
  }

  decoy(): Promise<string> {
    return this.decoyHash;
  }

  /** Throws RATE_LIMITED when a hash asked for now would be refused: callers refuse before any other work. */
  checkRoom(): void {
    if (this.running >= this.concurrency && this.waiting.length >= this.concurrency * QUEUE_PER_SLOT) throw hashingBusy();
  }

  hash(password: string): Promise<string> {
    return this.bounded(() => this.threads.run<string>({ op: 'hash', password, options: this.options }));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.bounded(() => this.threads.run<boolean>({ op: 'verify', hash, password }));
  }

  /** Ends the hashing threads (the subgraph stops). */
  close(): Promise<void> {
    return this.threads.close();
  }

  /** A hash made with other parameters (four lanes, before; another cost) is made again at the next sign-in. */
  isOutdated(hash: string): boolean {
    try {
      const made = parseOptions(hash);
      return (
        made.algorithm !== this.options.algorithm ||
        made.memoryCost !== this.options.memoryCost ||
        made.timeCost !== this.options.timeCost ||
        made.parallelism !== this.options.parallelism
      );
    } catch {
      return false;
    }
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.concurrency * QUEUE_PER_SLOT) throw hashingBusy();
      // The slot is handed over by the one finishing, so `running` never exceeds the bound.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
