import { MemoryEventBus, type EventBus } from '../core/events';
import { RedisEventBus } from '../core/redis-event-bus';
import type { Env } from './config';

/**
 * The platform's event bus (core/events.ts): Redis Streams when REDIS_URL is set, shared by every
 * process and host; otherwise, in the one process of `npm start`, the bus of that process. A part
 * run alone without REDIS_URL has nobody to tell: null, and producers keep their events in their
 * outbox until a bus is configured.
 */
export function openEventBus(env: Pick<Env, 'REDIS_URL' | 'EVENTS_PREFIX'>, oneProcess: boolean): EventBus | null {
  if (env.REDIS_URL) return new RedisEventBus(env.REDIS_URL, { prefix: env.EVENTS_PREFIX });
  return oneProcess ? new MemoryEventBus() : null;
}
