import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { MemoryEventBus } from '../../core/events';
import { ownDatabase } from '../../test/own-database';
import { EventOutbox, eventOutboxMigration } from './event-outbox';
import { migrateToLatest } from './migrate';

/**
 * The outbox's guarantees on a database of the test's own (PGlite, or a schema in DATABASE_URL):
 * an event exists exactly when its transaction committed, reaches the bus in seq order with none
 * skipped or doubled, however many relays run, and comes back after the bus forgot it.
 */
const stops: (() => Promise<unknown>)[] = [];
let db: Kysely<any>;
beforeAll(async () => {
  const own = await ownDatabase('outbox', stops);
  db = own.db;
  await migrateToLatest(db, own.schema, { '0001_event_outbox': eventOutboxMigration() });
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

const seqs = async (bus: MemoryEventBus, stream: string) => (await bus.read(stream, 0, 10_000)).map((e) => e.payload.n);

describe('event outbox', () => {
  it('relays committed events in commit order, never a rolled-back one, once however many relays run', async () => {
    const bus = new MemoryEventBus();
    const a = new EventOutbox({ stream: 's1', db, bus });
    const b = new EventOutbox({ stream: 's1', db, bus }); // a second replica of the same subgraph

    // A transaction that emitted holds back the next writer of events until it commits, so a
    // relay in between sees neither and never skips the first.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstEmitted!: () => void;
    const emitted = new Promise<void>((r) => (firstEmitted = r));
    const first = db.transaction().execute(async (trx) => {
      await a.emit(trx, 'thing.happened', { n: 1 });
      firstEmitted();
      await held;
    });
    await emitted;
    const second = db.transaction().execute((trx) => b.emit(trx, 'thing.happened', { n: 2 }));
    const during = Promise.all([a.kick(), b.kick()]).then(() => seqs(bus, 's1'));
    // The embedded database has one connection: there the relays wait for the first to commit.
    if (process.env.DATABASE_URL) expect(await during).toEqual([]);
    release();
    await Promise.all([first, second, during]);

    await db
      .transaction()
      .execute(async (trx) => {
        await a.emit(trx, 'thing.happened', { n: 'rolled back' });
        throw new Error('the change failed');
      })
      .catch(() => {});
    await db.transaction().execute((trx) => a.emit(trx, 'thing.happened', { n: 3 }));
    await Promise.all([a.kick(), b.kick(), a.kick()]);
    expect(await seqs(bus, 's1')).toEqual([1, 2, 3]);
    const events = await bus.read('s1', 0, 10);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((x, y) => x - y));
    expect(events[0]).toMatchObject({ stream: 's1', topic: 'thing.happened', at: expect.stringMatching(/Z$/) });

    // A bus that lost everything (a restart of the one-process bus, or Redis) gets the window back.
    const fresh = new MemoryEventBus();
    await new EventOutbox({ stream: 's1', db, bus: fresh }).kick();
    expect(await seqs(fresh, 's1')).toEqual([1, 2, 3]);
  });

  it('keeps only the window the bus keeps', async () => {
    await db.deleteFrom('event_outbox').execute();
    const bus = new MemoryEventBus(3);
    const outbox = new EventOutbox({ stream: 's2', db, bus, window: 3 });
    for (let n = 0; n < 120; n++) await db.transaction().execute((trx) => outbox.emit(trx, 'thing.happened', { n }));
    await outbox.kick();
    const left = await db.selectFrom('event_outbox').select('seq').orderBy('seq').execute();
    expect(left.length).toBeLessThanOrEqual(3 + 100);
    expect(Number(left.at(-1)!.seq)).toBe(await bus.lastSeq('s2'));
    expect((await bus.read('s2', 0, 100)).length).toBe(3);
  });
});
