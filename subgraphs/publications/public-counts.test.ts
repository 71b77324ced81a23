import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownDatabase } from '../../test/own-database';
import { PublicCounts } from './public-counts';

const stops: (() => Promise<unknown>)[] = [];
let db: Kysely<any>;
beforeAll(async () => {
  const own = await ownDatabase('public_counts', stops);
  db = own.db;
  // What the horizon reads (the next scheduled time): the columns it needs, nothing scheduled.
  await db.schema.createSchema(own.schema).ifNotExists().execute();
  await db.schema.createTable('publications').addColumn('status', 'text', (c) => c.notNull()).addColumn('published_at', 'timestamptz').execute();
}, 120_000);
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

describe('public counts', () => {
  it('are kept for seconds, but not across an editorial write made while they were being read', async () => {
    const counts = new PublicCounts(db);
    expect(await counts.secondsTrue()).toBeGreaterThanOrEqual(4);
    counts.forget();
    // A write (forget) lands while the next scheduled time is being read: that read may have
    // missed what the write scheduled, so what it found is not kept.
    const during = counts.secondsTrue();
    counts.forget();
    expect(await during).toBe(0);
    expect(await counts.secondsTrue()).toBeGreaterThanOrEqual(4);
  });
});
