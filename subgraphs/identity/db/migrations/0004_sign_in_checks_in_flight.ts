import { sql, type Kysely } from 'kysely';

/**
 * Sign-in throttling moves from a hard lock to progressive delays (db/login-throttle.repository.ts):
 * `locked_until` now means "no password check before", and password checks under way are counted
 * per key, so concurrent guesses cannot all be checked against one remaining allowance.
 * `in_flight_since` lets a count left behind by a crashed process lapse.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('login_failures')
    .addColumn('in_flight', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_flight_since', sql`timestamptz(3)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('login_failures').dropColumn('in_flight_since').dropColumn('in_flight').execute();
}
