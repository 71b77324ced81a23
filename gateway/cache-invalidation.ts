import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

const CHANNEL = 'egov:response-cache:clear';

/**
 * Tells every other gateway that a mutation went through this one, so each drops the answers in
 * its response cache: through Redis pub/sub (REDIS_URL), one path for every gateway, whether it is
 * a replica on the same machine (PLATFORM_WORKERS, which therefore needs REDIS_URL) or on another
 * host. Without Redis there is a single gateway and nobody to tell. A Redis outage is logged and
 * never fails a request; meanwhile each gateway keeps answers only as long as the subgraphs
 * allowed (60 s; publications 5 s).
 */
export class CacheInvalidation {
  private readonly listeners = new Set<() => void>();
  private readonly publisher: Redis | null = null;
  private readonly subscriber: Redis | null = null;
  /** Marks this gateway's own messages, which it does not need to hear back. */
  private readonly self = randomUUID();

  constructor(redisUrl?: string) {
    if (!redisUrl) return;
    const logged = (what: string) => (err: Error) => console.error(`[gateway] response-cache ${what} redis:`, err.message);
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.publisher.on('error', logged('publish'));
    this.subscriber = new Redis(redisUrl); // reconnects and subscribes again by itself
    this.subscriber.on('error', logged('subscribe'));
    this.subscriber.on('message', (channel: string, from: string) => channel === CHANNEL && from !== this.self && this.tell());
    // Startup does not wait for the subscription: a Redis outage must not keep the gateway down.
    this.subscriber.subscribe(CHANNEL).catch(logged('subscribe'));
  }

  /** A mutation went through this gateway. */
  announce(): void {
    this.publisher?.publish(CHANNEL, this.self).catch((err: Error) => console.error('[gateway] response-cache publish redis:', err.message));
  }

  /** Called when another gateway announced a mutation. */
  onAnnounced(listener: () => void): void {
    this.listeners.add(listener);
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher?.quit().catch(() => {}), this.subscriber?.quit().catch(() => {})]);
  }

  private tell(): void {
    for (const listener of this.listeners) listener();
  }
}
