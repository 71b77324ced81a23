import { sql, type Generated, type Kysely, type Migration } from 'kysely';
import type { EventBus, PlatformEvent } from '../../core/events';
import { EVENT_WINDOW } from '../../core/events';
import { log } from '../../core/log';
import { Rerun } from '../../core/rerun';

/**
 * A producing subgraph's events (core/events.ts): written into its own `event_outbox` in the
 * transaction of the change, so an event exists if and only if the change committed, and relayed
 * from there to the bus by this process.
 *
 * Order. A relay reads "everything after the bus's last seq", so a seq must never become visible
 * after a higher one (a transaction that took seq 10 committing after one that took 11 would be
 * skipped). `emit` therefore takes a transaction-scoped advisory lock of the stream before it
 * takes its seq: writers of events queue from their emit to their commit, and seqs commit in
 * order. Emit last in a transaction, so the lock is held only for the commit.
 *
 * Relay. Right after each request that emitted (the kit calls `kick` when the response is sent,
 * after the commit), every second, and at start: append the outbox after the bus's last seq.
 * Several replicas relaying at once append the same events, which the bus stores once. A bus
 * that lost its memory (a restart) gets the outbox's window again, which is why the outbox keeps
 * the same window as the bus (`EVENT_WINDOW`) and prunes only what the bus holds.
 */
export function eventOutboxMigration(): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('event_outbox')
        .addColumn('seq', 'bigserial', (c) => c.primaryKey())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('event_outbox').execute();
    },
  };
}

/** The outbox's rows, for each producer's table types. */
export interface EventOutboxTable {
  seq: Generated<string>;
  topic: string;
  payload: unknown;
  at: Generated<Date>;
}

/** Rows relayed per round; a longer backlog takes several rounds, one right after another. */
const BATCH = 500;

export interface EventOutboxOptions {
  /** The stream: the subgraph's name. */
  stream: string;
  /** The subgraph's own database, with its `event_outbox`. */
  db: Kysely<any>;
  /** Null: nobody consumes events (a part run without REDIS_URL); they stay in the outbox. */
  bus: EventBus | null;
  intervalMs?: number;
  window?: number;
}

export class EventOutbox {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** One relay at a time; a kick during one relays once more after it (core/rerun.ts). */
  private readonly relay = new Rerun(() => this.relayAll(), () => this.stopped || !this.opts.bus);
  /** Logged once while relaying keeps failing, not every second. */
  private failing = false;
  /** Whether the bus's history was checked against this outbox (once, at the first round). */
  private checked = false;

  constructor(private readonly opts: EventOutboxOptions) {}

  get stream(): string {
    return this.opts.stream;
  }

  /**
   * Records an event in `trx`, the transaction of the change it tells of. Emit last: from here to
   * the commit, other writers of this stream's events wait (see the order note above).
   */
  async emit(trx: Kysely<any>, topic: string, payload: Record<string, unknown>): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`event_outbox:${this.opts.stream}`}))`.execute(trx);
    await trx.insertInto('event_outbox').values({ topic, payload: JSON.stringify(payload) }).execute();
  }

  start(): void {
    if (!this.opts.bus) return;
    void this.kick();
    this.timer = setInterval(() => void this.kick(), this.opts.intervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.relay.settled();
  }

  /**
   * Relays what is committed now; resolves when done. A kick during a round runs one more round
   * after it, so an event committed meanwhile never waits for the timer. Never rejects.
   */
  kick(): Promise<void> {
    return this.relay.run();
  }

  /** Everything committed after the bus's last seq, batch after batch. Never rejects: a failure is logged and retried. */
  private async relayAll(): Promise<void> {
    try {
      while ((await this.round()) === BATCH && !this.stopped);
      if (this.failing) log.info({ component: this.opts.stream }, 'relaying events again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) log.warn({ component: this.opts.stream, err }, 'events not relayed; retrying every second');
      this.failing = true;
    }
  }

  /**
   * A bus ahead of the outbox holds another database's history (a database created anew, or two
   * platforms on one Redis prefix): every event up to its last seq would be skipped. Said loudly;
   * the fix is an EVENTS_PREFIX of its own.
   */
  private async checkHistory(last: number): Promise<void> {
    const row = await this.opts.db
      .selectFrom('event_outbox')
      .select(sql<string | null>`max(seq)`.as('issued'))
      .executeTakeFirst();
    const issued = Number(row?.issued ?? 0);
    if (last > issued) {
      log.error(
        { component: this.opts.stream, busSeq: last, outboxSeq: issued },
        'the event bus holds a later history than this database: events up to its last seq are not relayed; give this platform its own EVENTS_PREFIX',
      );
    }
    this.checked = true;
  }

  /** One batch after the bus's last seq; how many it relayed. */
  private async round(): Promise<number> {
    const bus = this.opts.bus!;
    const last = await bus.lastSeq(this.opts.stream);
    if (!this.checked) await this.checkHistory(last);
    const rows = await this.opts.db
      .selectFrom('event_outbox')
      .select(['seq', 'topic', 'payload', 'at'])
      .where('seq', '>', last)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return 0;
    const events: PlatformEvent[] = rows.map((r) => ({
      stream: this.opts.stream,
      seq: Number(r.seq),
      topic: r.topic,
      at: new Date(r.at).toISOString(),
      payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    }));
    await bus.append(this.opts.stream, events);
    // The outbox keeps the bus's window and no more; older rows are in no reader's reach. Pruned
    // whenever a batch crosses a hundred, not on every round (one statement fewer per mutation).
    const newest = events.at(-1)!.seq;
    const window = this.opts.window ?? EVENT_WINDOW;
    if (Math.floor((events[0]!.seq - 1) / 100) !== Math.floor(newest / 100)) {
      await this.opts.db.deleteFrom('event_outbox').where('seq', '<=', newest - window).execute();
    }
    return rows.length;
  }
}
