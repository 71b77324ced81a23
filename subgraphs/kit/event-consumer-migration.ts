import { sql, type Kysely } from 'kysely';

/**
 * The table an event consumer keeps its place in (kit/event-consumer.ts), created by a migration
 * of the consuming subgraph in its own schema: one row per consumer and stream, holding the last
 * `seq` handled. The row is advanced in the transaction that handles the event, and locked by it,
 * so replicas of the subgraph take turns and an event is handled once.
 */
export async function createEventPositions(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_positions')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`seq >= 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_positions_pkey', ['consumer', 'stream'])
    .execute();
}

export interface EventPositionTable {
  consumer: string;
  stream: string;
  seq: number;
  updated_at: Date;
}
