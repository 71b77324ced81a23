import type { Kysely, Migration } from 'kysely';
import { createDb, createPool } from '../subgraphs/kit/db';
import { startEmbeddedPostgres } from '../subgraphs/kit/embedded-postgres';
import { migrateToLatest } from '../subgraphs/kit/migrate';

/**
 * An embedded PostgreSQL (PGlite in memory) of a test file's own, with each named schema migrated
 * by its migrations: for tests that must control what is in a table (time, counters) without the
 * shared platform's data around them. `stop` ends the pool and the database.
 */
export async function embeddedDatabase<S extends string>(
  schemas: Record<S, Record<string, Migration>>,
): Promise<{ db: Record<S, Kysely<any>>; stop: () => Promise<void> }> {
  const pg = await startEmbeddedPostgres(null);
  const pool = createPool({ url: pg.url, max: 1 });
  const db = {} as Record<S, Kysely<any>>;
  for (const [schema, migrations] of Object.entries(schemas) as [S, Record<string, Migration>][]) {
    db[schema] = createDb<any>(pool, schema);
    await migrateToLatest(db[schema], schema, migrations);
  }
  return {
    db,
    stop: async () => {
      await pool.end();
      await pg.stop();
    },
  };
}
