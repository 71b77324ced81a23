import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Tags } from './cache-tags';
import { log } from '../core/log';

const CHANNEL = 'egov:response-cache:evict';

/** On the wire: who sent it, and what to evict (null: everything). */
interface Message {
  from: string;
  tags: string[] | null;
}

/**
 * Tells every other gateway that a mutation went through this one and what it evicted (its tags,
 * gateway/cache-tags.ts), so each drops the same answers from its response cache: through Redis pub/sub (REDIS_URL), one path for every gateway, whether it is
 * a replica on the same machine (PLATFORM_WORKERS, which therefore needs REDIS_URL) or on another
 * host. Without Redis there is a single gateway and nobody to tell. A Redis outage is logged and
 * never fails a request; meanwhile each gateway keeps answers only as long as the subgraphs
 * allowed (60 s; publications 5 s).
 */
export class CacheInvalidation {
  private readonly listeners = new Set<(tags: Tags | null) => void>();
  private readonly publisher: Redis | null = null;
  private readonly subscriber: Redis | null = null;
  /** Marks this gateway's own messages, which it does not need to hear back. */
  private readonly self = randomUUID();

  constructor(redisUrl?: string) {
    if (!redisUrl) return;
    const logged = (what: string) => (err: Error) => log.error({ component: 'gateway', err }, `response-cache ${what} redis`);
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.publisher.on('error', logged('publish'));
    this.subscriber = new Redis(redisUrl); // reconnects and subscribes again by itself
    this.subscriber.on('error', logged('subscribe'));
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== CHANNEL) return;
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch {
        message = { from: '', tags: null }; // unreadable: evict everything, the safe side
      }
      if (message.from !== this.self) this.tell(Array.isArray(message.tags) ? new Set(message.tags.map(String)) : null);
    });
    // Startup does not wait for the subscription: a Redis outage must not keep the gateway down.
    this.subscriber.subscribe(CHANNEL).catch(logged('subscribe'));
  }

  /** A mutation went through this gateway and evicted `tags` (null: everything). */
  announce(tags: Tags | null): void {
    const message: Message = { from: this.self, tags: tags ? [...tags] : null };
    this.publisher?.publish(CHANNEL, JSON.stringify(message)).catch((err: Error) => log.error({ component: 'gateway', err }, 'response-cache publish redis'));
  }

  /** Called when another gateway announced a mutation, with what it evicted. */
  onAnnounced(listener: (tags: Tags | null) => void): void {
    this.listeners.add(listener);
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher?.quit().catch(() => {}), this.subscriber?.quit().catch(() => {})]);
  }

  private tell(tags: Tags | null): void {
    for (const listener of this.listeners) listener(tags);
  }
}
