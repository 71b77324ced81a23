import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { createDb, createPool } from '../subgraphs/kit/db';
import { startEmbeddedPostgres } from '../subgraphs/kit/embedded-postgres';

/**
 * A database of a test's own beside the shared platform: an in-memory PGlite, or a schema of its
 * own (`<prefix>_<random>`) in DATABASE_URL, dropped at the end. What it opens is undone by
 * running `stops` in reverse.
 */
export async function ownDatabase(prefix: string, stops: (() => Promise<unknown>)[]): Promise<{ pool: pg.Pool; schema: string; db: Kysely<any> }> {
  const realUrl = process.env.DATABASE_URL;
  const embedded = realUrl ? null : await startEmbeddedPostgres(null);
  if (embedded) stops.push(embedded.stop);
  const pool = createPool({ url: embedded?.url ?? realUrl!, max: embedded ? 1 : 4 });
  stops.push(() => pool.end());
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const db = createDb<any>(pool, schema);
  if (realUrl) stops.push(() => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db));
  return { pool, schema, db };
}
