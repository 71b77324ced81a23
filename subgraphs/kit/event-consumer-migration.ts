import { sql, type Kysely } from 'kysely';

/**
 * The table an event consumer keeps its place in (kit/event-consumer.ts), created by a migration
 * of the consuming subgraph in its own schema: one row per consumer and stream, holding the last
 * `seq` handled. The row is advanced in the transaction that handles the event, and locked by it,
 * so replicas of the subgraph take turns and an event is handled once.
 */
export async function createEventPositions(db: Kysely<any>, start?: { consumer: string; streams: string[] }): Promise<void> {
  await db.schema
    .createTable('event_positions')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`seq >= 0`))
    // Events committed before this are passed over unhandled: they happened before the consumer existed.
    .addColumn('since', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_positions_pkey', ['consumer', 'stream'])
    .execute();
  // A consumer added to a running platform starts with what happens from now on: the bus's window
  // (up to EVENT_WINDOW events of the past) is not news to anyone.
  if (start) {
    await db
      .insertInto('event_positions')
      .values(start.streams.map((stream) => ({ consumer: start.consumer, stream, seq: 0, since: sql`now()` })))
      .execute();
  }
}

export interface EventPositionTable {
  consumer: string;
  stream: string;
  seq: number;
  since: Date | null;
  updated_at: Date;
}
