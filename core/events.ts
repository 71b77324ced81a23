import { log } from './log';

/**
 * Platform events: what a subgraph tells the rest of the platform after a change committed
 * (a publication went public, an application changed state, feedback got a reply).
 *
 * The contract every producer and consumer shares:
 * - A subgraph writes an event into its own outbox in the transaction of its change, so an event
 *   exists if and only if the change committed; its relay copies the outbox into the bus in order.
 * - Each subgraph is one **stream** (its name); `seq` is the outbox's position, strictly increasing
 *   within the stream. `(stream, seq)` is the event's identity: appending it twice stores it once,
 *   so relays on several replicas, or a relay restarted halfway, never duplicate an event.
 * - Payloads carry ids and the few facts consumers filter on, never personal data: whoever
 *   delivers an event reads the rest through the graph, authorized as the reader.
 * - The bus keeps each stream's recent events (a stated window) so a consumer that was away
 *   reads what it missed from its last `seq`.
 */
export interface PlatformEvent {
  /** The subgraph that owns the change, e.g. `applications`. */
  stream: string;
  /** Position in the stream, from 1, strictly increasing. */
  seq: number;
  /** What happened, `<entity>.<verb>`, e.g. `application.updated`. */
  topic: string;
  /** When the change committed (ISO 8601). */
  at: string;
  payload: Record<string, unknown>;
}

/** The id a client sees, and gives back to resume: `<stream>:<seq>`. */
export function eventId(event: Pick<PlatformEvent, 'stream' | 'seq'>): string {
  return `${event.stream}:${event.seq}`;
}

/** Reads an id made by `eventId`; null for anything else. */
export function parseEventId(id: string): { stream: string; seq: number } | null {
  const match = /^([a-z][a-z0-9_-]{0,63}):([1-9][0-9]{0,15})$/.exec(id);
  return match ? { stream: match[1]!, seq: Number(match[2]) } : null;
}

export interface EventBus {
  /**
   * Adds events of one stream, in increasing `seq`. Events at or below the stream's last `seq`
   * are skipped (already there): appending is idempotent.
   */
  append(stream: string, events: PlatformEvent[]): Promise<void>;
  /** The last `seq` the bus holds for a stream; 0 for none. */
  lastSeq(stream: string): Promise<number>;
  /** Up to `limit` events of a stream after `afterSeq`, oldest first (what the window still holds). */
  read(stream: string, afterSeq: number, limit: number): Promise<PlatformEvent[]>;
  /**
   * Every event appended from now on, by any process sharing the bus, in each stream's order.
   * Returns the unsubscribe function.
   */
  subscribe(listener: (event: PlatformEvent) => void): () => void;
  close(): Promise<void>;
}

/** Hands an event to every listener; one that throws is logged and keeps the others (and the bus) going. */
export function tell(listeners: Iterable<(event: PlatformEvent) => void>, event: PlatformEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (err) {
      log.error({ component: 'event bus', err, event: eventId(event) }, 'an event listener failed');
    }
  }
}

/** How many events per stream a bus keeps for consumers that were away. */
export const EVENT_WINDOW = 10_000;

/**
 * The bus of one process (no REDIS_URL: `npm start`, tests): the gateway, the subgraphs and every
 * consumer live in the same process, so an array per stream is the whole broker. It starts empty
 * with the process; the subgraphs' relays fill it again from their outboxes (which keep the same
 * window), so what was published before a restart can still be replayed after it.
 */
export class MemoryEventBus implements EventBus {
  private readonly streams = new Map<string, PlatformEvent[]>();
  private readonly listeners = new Set<(event: PlatformEvent) => void>();

  constructor(private readonly window = EVENT_WINDOW) {}

  async append(stream: string, events: PlatformEvent[]): Promise<void> {
    const kept = this.streams.get(stream) ?? [];
    this.streams.set(stream, kept);
    const added: PlatformEvent[] = [];
    for (const event of events) {
      if (event.stream !== stream) throw new Error(`event of ${event.stream} appended to ${stream}`);
      if (event.seq <= (kept.at(-1)?.seq ?? 0)) continue;
      kept.push(event);
      added.push(event);
    }
    if (kept.length > this.window) kept.splice(0, kept.length - this.window);
    for (const event of added) tell(this.listeners, event);
  }

  async lastSeq(stream: string): Promise<number> {
    return this.streams.get(stream)?.at(-1)?.seq ?? 0;
  }

  async read(stream: string, afterSeq: number, limit: number): Promise<PlatformEvent[]> {
    const kept = this.streams.get(stream) ?? [];
    // Binary search for the first event after afterSeq: the window is sorted by seq.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]!.seq <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return kept.slice(lo, lo + limit);
  }

  subscribe(listener: (event: PlatformEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
