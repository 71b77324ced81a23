import { sql, type Kysely, type Transaction } from 'kysely';
import { eventId, type EventBus, type PlatformEvent } from '../../core/events';
import { log } from '../../core/log';
import { Rerun } from '../../core/rerun';

/**
 * Follows streams of the platform's event bus (core/events.ts) for one subgraph, handling each
 * event exactly once however many replicas run and however often they restart:
 *
 * - Its place in each stream is a row of the subgraph's own `event_positions` table
 *   (kit/event-consumer-migration.ts). An event is handled in one transaction that first locks
 *   that row (`SELECT … FOR UPDATE`), skips the event if the row is already at or past it, and
 *   advances the row with the handler's writes: a crash before the commit leaves both undone (the
 *   event is handled again), after it both done (it is skipped). Replicas of the subgraph queue
 *   on the row lock, so each stream is handled in order, one event at a time, platform-wide.
 * - It catches up with `bus.read(stream, afterSeq, limit)` from its stored place when it starts,
 *   whenever the bus tells it of a new event (`bus.subscribe`), and at every `poll` (a safety net
 *   for a notice lost while the bus reconnected): reading from the stored place, it cannot skip.
 * - A handler that fails rolls its event back; the stream is tried again at the next poll, in
 *   order (a later event never overtakes it), and the failure is logged each time.
 *
 * An event older than the bus's window (EVENT_WINDOW) that this consumer never handled is lost
 * to it: a consumer away that long starts again at the oldest event the bus still has. A position
 * row with `since` (written by the migration that added the consumer) passes over events
 * committed before then: a consumer new to a running platform does not act on the bus's past.
 */
export type EventHandler = (trx: Transaction<any>, event: PlatformEvent) => Promise<void>;

export interface EventConsumerOptions {
  /** Names the consumer in `event_positions` and in logs (`notifications`). */
  name: string;
  /** The subgraph's own database, with its `event_positions` table. */
  db: Kysely<any>;
  bus: EventBus;
  /** A handler per stream followed; it ignores topics it does not know. */
  handlers: Record<string, EventHandler>;
  /** Events read from the bus at a time. */
  batch?: number;
  /** Called after each transaction that handled events committed (e.g. to wake a mail sender). */
  afterCommit?: (stream: string, events: PlatformEvent[]) => void;
}

export class EventConsumer {
  /** Per stream, one drain at a time; a notice during one drains once more after it (core/rerun.ts). */
  private readonly drains = new Map<string, Rerun>();
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private readonly batch: number;

  constructor(private readonly opts: EventConsumerOptions) {
    this.batch = opts.batch ?? 100;
  }

  /** Subscribes to the bus (once) and catches up every stream. Safe to call repeatedly: it is the consumer's poll. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.unsubscribe) {
      this.unsubscribe = this.opts.bus.subscribe((event) => {
        if (Object.hasOwn(this.opts.handlers, event.stream)) void this.drain(event.stream);
      });
    }
    return Promise.all(Object.keys(this.opts.handlers).map((stream) => this.drain(stream))).then(() => undefined);
  }

  /** Stops following the bus, and waits for the event in hand to commit or roll back. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await Promise.all([...this.drains.values()].map((d) => d.settled()));
  }

  /** The last `seq` handled of each stream followed (0 for none yet). */
  async positions(): Promise<Record<string, number>> {
    const rows = await this.opts.db.selectFrom('event_positions').select(['stream', 'seq']).where('consumer', '=', this.opts.name).execute();
    const out: Record<string, number> = Object.fromEntries(Object.keys(this.opts.handlers).map((s) => [s, 0]));
    for (const r of rows) if (r.stream in out) out[r.stream] = Number(r.seq);
    return out;
  }

  /**
   * Handles a stream from its stored place to the bus's end. One drain per stream at a time in
   * this process; a notice arriving meanwhile makes it read once more before it ends.
   */
  private drain(stream: string): Promise<void> {
    let drain = this.drains.get(stream);
    if (!drain) {
      const catchUp = () =>
        this.catchUp(stream).catch((err) =>
          log.error({ component: `event consumer ${this.opts.name}`, stream, err }, 'handling events failed; retried at the next poll'),
        );
      drain = new Rerun(catchUp, () => this.stopped);
      this.drains.set(stream, drain);
    }
    return drain.run();
  }

  private async catchUp(stream: string): Promise<void> {
    while (!this.stopped) {
      const position = await this.storedSeq(stream);
      const events = await this.opts.bus.read(stream, position, this.batch);
      if (events.length === 0) return;
      let behind = false;
      for (const event of events) {
        if (this.stopped) return;
        if (!(await this.handle(stream, event))) {
          // Another replica is ahead: read on from its place rather than try each event it has handled.
          behind = true;
          break;
        }
        this.opts.afterCommit?.(stream, [event]);
      }
      if (!behind && events.length < this.batch) return;
    }
  }

  private async storedSeq(stream: string): Promise<number> {
    const row = await this.opts.db
      .selectFrom('event_positions')
      .select('seq')
      .where('consumer', '=', this.opts.name)
      .where('stream', '=', stream)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /** One event in one transaction with the position; false when another replica (or an earlier run) had handled it. */
  private handle(stream: string, event: PlatformEvent): Promise<boolean> {
    return this.opts.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('event_positions')
        .values({ consumer: this.opts.name, stream, seq: 0 })
        .onConflict((oc) => oc.columns(['consumer', 'stream']).doNothing())
        .execute();
      const row = await trx
        .selectFrom('event_positions')
        .select(['seq', 'since'])
        .where('consumer', '=', this.opts.name)
        .where('stream', '=', stream)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (event.seq <= Number(row.seq)) return false;
      const before = row.since !== null && Date.parse(event.at) < new Date(row.since).getTime();
      try {
        if (!before) await this.opts.handlers[stream]!(trx, event);
      } catch (err) {
        log.error({ component: `event consumer ${this.opts.name}`, event: eventId(event), topic: event.topic, err }, 'an event handler failed');
        throw err;
      }
      await trx
        .updateTable('event_positions')
        .set({ seq: event.seq, updated_at: sql`now()` })
        .where('consumer', '=', this.opts.name)
        .where('stream', '=', stream)
        .execute();
      return true;
    });
  }
}
