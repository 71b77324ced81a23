/**
 * Single-use identity tokens for calling a subgraph with no gateway in front (the `direct` target,
 * the floor): each request needs a token of its own, bound to its exact body, and the load
 * generator has to hand it over synchronously. So tokens are signed ahead, per body, and kept
 * topped up in the background while a load runs; one is never used twice, nor once it is older
 * than USABLE_MS (they live IDENTITY_TOKEN_LIFETIME_S). The signing happens in the load
 * generator's process, not in the subgraphs' whose CPU the floor reports. A request that finds
 * its queue empty goes without a token and is refused: it shows as an error, never as a fast
 * answer.
 */
const USABLE_MS = 6_000;
const REFILL_EVERY_MS = 20;

export class TokenPool {
  private readonly queues: Map<string, { token: string; at: number }[]>;
  private timer: NodeJS.Timeout | null = null;
  private filling: Promise<void> | null = null;
  /** Requests that found no token (each was sent without one). */
  misses = 0;

  constructor(
    private readonly sign: (body: string) => Promise<string>,
    bodies: string[],
    /** Tokens kept per body: more than a refill interval's requests for it at the highest rate. */
    private readonly depth = 16,
  ) {
    this.queues = new Map(bodies.map((b) => [b, []]));
  }

  /** A fresh, unused token for `body`, or undefined when its queue ran dry. */
  take(body: string): string | undefined {
    const queue = this.queues.get(body);
    const oldest = Date.now() - USABLE_MS;
    while (queue?.length) {
      const { token, at } = queue.shift()!;
      if (at > oldest) return token;
    }
    this.misses++;
    return undefined;
  }

  /** Fills every queue, then keeps them full until `stop`. */
  async start(): Promise<void> {
    await this.fill();
    this.timer = setInterval(() => void (this.filling ??= this.fill().finally(() => (this.filling = null))), REFILL_EVERY_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async fill(): Promise<void> {
    const oldest = Date.now() - USABLE_MS;
    for (const [body, queue] of this.queues) {
      while (queue.length && queue[0].at <= oldest) queue.shift();
      while (queue.length < this.depth) queue.push({ token: await this.sign(body), at: Date.now() });
    }
  }
}
