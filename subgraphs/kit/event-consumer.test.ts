import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryEventBus, type PlatformEvent } from '../../core/events';
import { settled } from '../../test/graph';
import { ownDatabase } from '../../test/own-database';
import { EventConsumer, type EventHandler } from './event-consumer';
import { createEventPositions } from './event-consumer-migration';

/**
 * The kit's event consumer against the bus of one process and a real database: what it handles is
 * written by the handler in the consumer's transaction into `handled` (no unique key: an event
 * handled twice would show twice).
 */
const stops: (() => Promise<unknown>)[] = [];
let db: Kysely<any>;

const event = (stream: string, seq: number, topic = 'thing.updated'): PlatformEvent => ({ stream, seq, topic, at: new Date().toISOString(), payload: { n: seq } });
const events = (stream: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(stream, from + i));


let consumerCount = 0;
/** A consumer of its own name (so each test has its own positions), recording into `handled`. */
function consumer(bus: MemoryEventBus, opts: { name?: string; streams?: string[]; fail?: (e: PlatformEvent) => boolean; batch?: number } = {}) {
  const name = opts.name ?? `c${++consumerCount}`;
  const record: EventHandler = async (trx, e) => {
    if (opts.fail?.(e)) {
      await trx.insertInto('handled').values({ consumer: name, stream: e.stream, seq: e.seq }).execute();
      throw new Error(`handler failed at ${e.seq}`);
    }
    await trx.insertInto('handled').values({ consumer: name, stream: e.stream, seq: e.seq }).execute();
  };
  const handlers = Object.fromEntries((opts.streams ?? ['applications']).map((s) => [s, record]));
  return { name, consumer: new EventConsumer({ name, db, bus, handlers, batch: opts.batch }) };
}

const handled = (name: string) =>
  db.selectFrom('handled').select(['stream', 'seq']).where('consumer', '=', name).orderBy('n').execute() as Promise<{ stream: string; seq: number }[]>;
const seqs = async (name: string, stream = 'applications') => (await handled(name)).filter((h) => h.stream === stream).map((h) => Number(h.seq));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  const own = await ownDatabase('consumer', stops);
  db = own.db;
  await sql`create schema ${sql.id(own.schema)}`.execute(db);
  await createEventPositions(db);
  await db.schema
    .createTable('handled')
    .addColumn('n', 'bigserial')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

describe('event consumer', () => {
  it('catches up from its stored place at start, then follows live events, in order', async () => {
    const bus = new MemoryEventBus();
    await bus.append('applications', events('applications', 1, 5));
    const { name, consumer: c } = consumer(bus);
    await c.poll();
    expect(await seqs(name)).toEqual(range(1, 5));
    expect(await c.positions()).toEqual({ applications: 5 });
    // Live: no poll, the bus's notice is enough.
    await bus.append('applications', events('applications', 6, 9));
    await settled(() => seqs(name), (s) => s.length === 9);
    expect(await seqs(name)).toEqual(range(1, 9));
    await c.stop();
  });

  it('ignores streams it does not follow and stops following the bus when stopped', async () => {
    const bus = new MemoryEventBus();
    const { name, consumer: c } = consumer(bus);
    await c.poll();
    await bus.append('publications', events('publications', 1, 3));
    await bus.append('applications', events('applications', 1, 2));
    await settled(() => seqs(name), (s) => s.length === 2);
    await c.stop();
    await bus.append('applications', events('applications', 3, 4));
    await c.poll(); // a poll after stop does nothing
    expect(await handled(name)).toEqual([
      { stream: 'applications', seq: 1 },
      { stream: 'applications', seq: 2 },
    ]);
  });

  it('rolls back a failed event with its position and handles it again first, never skipping it', async () => {
    const bus = new MemoryEventBus();
    let failures = 2;
    const { name, consumer: c } = consumer(bus, { fail: (e) => e.seq === 3 && failures-- > 0 });
    await bus.append('applications', events('applications', 1, 5));
    await c.poll();
    // 3 failed: its write rolled back, its position not advanced, 4 and 5 wait behind it.
    expect(await seqs(name)).toEqual([1, 2]);
    expect(await c.positions()).toEqual({ applications: 2 });
    await c.poll();
    expect(await seqs(name)).toEqual([1, 2]);
    await c.poll();
    expect(await seqs(name)).toEqual(range(1, 5));
    expect(await c.positions()).toEqual({ applications: 5 });
    await c.stop();
  });

  it('resumes after a restart exactly where it stood: nothing lost, nothing twice', async () => {
    const bus = new MemoryEventBus();
    const first = consumer(bus, { batch: 3 });
    await bus.append('applications', events('applications', 1, 4));
    await first.consumer.poll();
    await first.consumer.stop();
    // Appended while no process of the subgraph runs.
    await bus.append('applications', events('applications', 5, 20));
    const second = consumer(bus, { name: first.name, batch: 3 });
    await second.consumer.poll();
    expect(await seqs(first.name)).toEqual(range(1, 20));
    await second.consumer.stop();
  });

  it('passes over events committed before its position row\'s `since` (a consumer new to a running platform)', async () => {
    const bus = new MemoryEventBus();
    const { name, consumer: c } = consumer(bus);
    await db.insertInto('event_positions').values({ consumer: name, stream: 'applications', seq: 0, since: sql`now()` }).execute();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    await bus.append('applications', [{ ...event('applications', 1), at: past }, { ...event('applications', 2), at: past }]);
    await bus.append('applications', [{ ...event('applications', 3), at: new Date(Date.now() + 1000).toISOString() }]);
    await c.poll();
    expect(await seqs(name)).toEqual([3]);
    expect(await c.positions()).toEqual({ applications: 3 });
    await c.stop();
  });

  it('lets replicas of one subgraph share the work: every event of each stream once, in order', async () => {
    const bus = new MemoryEventBus();
    const streams = ['applications', 'feedback'];
    const a = consumer(bus, { streams, batch: 7 });
    const b = consumer(bus, { name: a.name, streams, batch: 5 });
    const c = consumer(bus, { name: a.name, streams, batch: 11 });
    await Promise.all([a.consumer.poll(), b.consumer.poll(), c.consumer.poll()]);
    const appends: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) {
      appends.push(bus.append('applications', events('applications', i * 10 + 1, i * 10 + 10)));
      appends.push(bus.append('feedback', events('feedback', i * 5 + 1, i * 5 + 5)));
    }
    await Promise.all(appends);
    // 150 events in 150 transactions, contended by three replicas: seconds on a busy 2-core machine.
    await settled(async () => (await handled(a.name)).length, (n) => n >= 150, 30_000);
    await Promise.all([a.consumer.poll(), b.consumer.poll(), c.consumer.poll()]);
    expect(await seqs(a.name, 'applications')).toEqual(range(1, 100));
    expect(await seqs(a.name, 'feedback')).toEqual(range(1, 50));
    expect(await a.consumer.positions()).toEqual({ applications: 100, feedback: 50 });
    await Promise.all([a.consumer.stop(), b.consumer.stop(), c.consumer.stop()]);
  });
});
