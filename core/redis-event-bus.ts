import { Redis } from 'ioredis';
import { EVENT_WINDOW, tell, type EventBus, type PlatformEvent } from './events';
import { log } from './log';

/**
 * The platform's event bus on Redis Streams (REDIS_URL), shared by every process of every host.
 *
 * Why Redis Streams: the platform already runs Redis (rate limits, response-cache eviction); a
 * stream is an ordered, id-addressed log with a window kept by the server, read by any number of
 * gateways at once (each with XREAD from its own position), so there is no second broker to run.
 * PostgreSQL LISTEN/NOTIFY keeps nothing for a consumer that was away, and NATS would be one more
 * server to operate for what this does.
 *
 * - One stream per platform stream (`<prefix><stream>`), entry id `<seq>-0`: Redis refuses an id
 *   at or below the stream's last, which makes appending idempotent for free (relays of several
 *   replicas, a relay restarted halfway).
 * - The window: `MAXLEN ~ EVENT_WINDOW` per stream (approximate trimming, cheap).
 * - The set `<prefix>streams` names every stream, so a subscriber follows streams that appear
 *   later (a department's subgraph) without configuration.
 * - Redis keeps nothing on disk here: if it restarts empty, each subgraph's relay appends its
 *   outbox again (which keeps the same window), so the log is rebuilt from the source of truth.
 */
export interface RedisEventBusOptions {
  /** Key prefix, `egov:events:` by default (tests use their own). */
  prefix?: string;
  window?: number;
  /** How long one XREAD waits before it looks for new streams. */
  blockMs?: number;
}

const FIELD = 'e';

export class RedisEventBus implements EventBus {
  private readonly writer: Redis;
  private reader: Redis | null = null;
  private readonly listeners = new Set<(event: PlatformEvent) => void>();
  private readonly prefix: string;
  private readonly window: number;
  private readonly blockMs: number;
  private following: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    opts: RedisEventBusOptions = {},
  ) {
    this.prefix = opts.prefix ?? 'egov:events:';
    this.window = opts.window ?? EVENT_WINDOW;
    this.blockMs = opts.blockMs ?? 1000;
    // Commands fail fast while Redis is away (the relay retries from the outbox); it reconnects by itself.
    this.writer = new Redis(url, { maxRetriesPerRequest: 1 });
    this.writer.on('error', (err) => log.warn({ component: 'event bus', err }, 'redis'));
  }

  private key(stream: string): string {
    return this.prefix + stream;
  }

  async append(stream: string, events: PlatformEvent[]): Promise<void> {
    if (events.length === 0) return;
    const last = await this.lastSeq(stream);
    const fresh = events.filter((e) => {
      if (e.stream !== stream) throw new Error(`event of ${e.stream} appended to ${stream}`);
      return e.seq > last;
    });
    if (fresh.length === 0) return;
    const batch = this.writer.multi().sadd(`${this.prefix}streams`, stream);
    for (const e of fresh) batch.xadd(this.key(stream), 'MAXLEN', '~', this.window, `${e.seq}-0`, FIELD, JSON.stringify(e));
    const results = (await batch.exec()) ?? [];
    for (const [err] of results) {
      // Another relay added the same event between our lastSeq and this XADD: it is there once.
      if (err && !/equal or smaller/.test(err.message)) throw err;
    }
  }

  async lastSeq(stream: string): Promise<number> {
    const [entry] = await this.writer.xrevrange(this.key(stream), '+', '-', 'COUNT', 1);
    return entry ? seqOf(entry[0]) : 0;
  }

  async read(stream: string, afterSeq: number, limit: number): Promise<PlatformEvent[]> {
    if (limit <= 0) return [];
    const entries = await this.writer.xrange(this.key(stream), `(${afterSeq}-0`, '+', 'COUNT', limit);
    return entries.map(([, fields]) => decode(fields));
  }

  subscribe(listener: (event: PlatformEvent) => void): () => void {
    this.listeners.add(listener);
    this.following ??= this.follow();
    return () => this.listeners.delete(listener);
  }

  /**
   * One blocking XREAD loop per process for every stream, fanned out to the listeners here: the
   * position starts at each stream's end when subscribing, and a stream first seen later is read
   * from its start (everything in it is newer than the subscription).
   */
  private async follow(): Promise<void> {
    const reader = (this.reader = new Redis(this.url, { maxRetriesPerRequest: null }));
    reader.on('error', (err) => log.warn({ component: 'event bus', err }, 'redis reader'));
    const positions = new Map<string, string>();
    let started = false;
    while (!this.closed) {
      try {
        const streams = await reader.smembers(`${this.prefix}streams`);
        for (const stream of streams) {
          if (positions.has(stream)) continue;
          positions.set(stream, started ? '0-0' : `${await this.lastSeq(stream)}-0`);
        }
        started = true;
        if (positions.size === 0) {
          await sleep(this.blockMs);
          continue;
        }
        const names = [...positions.keys()];
        const reply = (await reader.xread('COUNT', 1000, 'BLOCK', this.blockMs, 'STREAMS', ...names.map((s) => this.key(s)), ...names.map((s) => positions.get(s)!))) as
          | [string, [string, string[]][]][]
          | null;
        for (const [key, entries] of reply ?? []) {
          const stream = key.slice(this.prefix.length);
          for (const [id, fields] of entries) {
            positions.set(stream, id);
            tell(this.listeners, decode(fields));
          }
        }
      } catch (err) {
        if (this.closed) break;
        log.warn({ component: 'event bus', err }, 'reading events; retrying');
        await sleep(this.blockMs);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.reader?.disconnect();
    await this.following;
    this.writer.disconnect();
  }
}

const seqOf = (id: string) => Number(id.slice(0, id.indexOf('-')));

function decode(fields: string[]): PlatformEvent {
  return JSON.parse(fields[fields.indexOf(FIELD) + 1]!) as PlatformEvent;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
