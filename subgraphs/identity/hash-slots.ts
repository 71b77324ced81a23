import { GraphQLError } from 'graphql';

/**
 * At most `max` password hashes (Argon2id: ~64 MiB and tens of milliseconds each) in flight in
 * this process. Beyond it a sign-in is refused at once with RATE_LIMITED (the gateway answers 429
 * with Retry-After) instead of queueing: an unbounded queue of hashes is what turned a flood of
 * sign-ins into seconds of latency and out-of-memory 500s for everyone else.
 */
export class HashSlots {
  private inFlight = 0;

  constructor(readonly max: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.max) throw busy();
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }
}

export const RETRY_AFTER_SECONDS = 1;

const busy = () =>
  new GraphQLError(`Too many sign-ins at this moment. Try again in ${RETRY_AFTER_SECONDS} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: RETRY_AFTER_SECONDS },
  });
