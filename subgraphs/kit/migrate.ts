import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { log } from '../../core/log';

/**
 * Runs a subgraph's migrations inside its own Postgres schema, recording them in that schema's
 * own migration table, so subgraphs never share tables, even their bookkeeping. Migrations are
 * listed in code (db/migrations/index.ts), not discovered on disk, so they load the same way
 * under every runner.
 */
export async function migrateToLatest(db: Kysely<any>, schema: string, migrations: Record<string, Migration>): Promise<void> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Error') log.error({ component: schema, migration: r.migrationName }, 'migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
