import { sql, type RawBuilder } from 'kysely';
import type { Db } from './users.repository';

/**
 * Failed sign-ins, counted per key (`account:<email>`, `ip:<address>`) in Postgres, so every
 * replica of the subgraph enforces the same limits. Each step is one statement (an upsert), so
 * concurrent requests cannot race past a limit:
 *
 * - `reserve` before a password check: refused while the key's delay runs, or while as many
 *   checks are under way as the key has failures left (`maxFailures - failures`, at least one),
 *   so twenty concurrent guesses against an allowance of five check five. Checks of the right
 *   password count only while they run: ten concurrent correct sign-ins all go through, a few
 *   waiting a moment for a free place.
 * - `release` after it: a failure counts one more, and from `maxFailures` on each failure delays
 *   the next check of that key by 1, 2, 4, … up to `maxDelaySeconds`: never a hard lock, so the
 *   right password still signs in after at most that delay. A success clears the account's count.
 * - Failures lapse `windowSeconds` after the latest one.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  maxDelaySeconds: number;
}

/** A check counted as under way for longer than this was left by a process that died. */
const IN_FLIGHT_LAPSES = sql`interval '30 seconds'`;

const seconds = (n: number) => sql`${sql.lit(`${n} seconds`)}::interval`;
const lapsed = (policy: ThrottlePolicy) => sql<boolean>`login_failures.window_started_at < now() - ${seconds(policy.windowSeconds)}`;
const failuresNow = (policy: ThrottlePolicy) => sql<number>`case when ${lapsed(policy)} then 0 else login_failures.failures end`;
const inFlightNow = sql<number>`case when login_failures.in_flight_since < now() - ${IN_FLIGHT_LAPSES} then 0 else login_failures.in_flight end`;

/** Places one password check for `key` under way; false when the key must wait. One statement. */
export async function reserve(db: Db, key: string, policy: ThrottlePolicy): Promise<boolean> {
  const row = await db
    .insertInto('login_failures')
    .values({ key, failures: 0, window_started_at: sql<Date>`now()`, locked_until: null, in_flight: 1, in_flight_since: sql<Date>`now()` })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          failures: failuresNow(policy),
          locked_until: sql<Date>`case when ${lapsed(policy)} then null else login_failures.locked_until end`,
          in_flight: sql<number>`${inFlightNow} + 1`,
          in_flight_since: sql<Date>`now()`,
        })
        .where(sql<boolean>`(login_failures.locked_until is null or login_failures.locked_until <= now() or ${lapsed(policy)})`)
        .where(sql<boolean>`${inFlightNow} < greatest(1, ${policy.maxFailures} - ${failuresNow(policy)})`),
    )
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Seconds until `key`'s delay ends (0: none, the key is only busy). */
export async function delayOf(db: Db, key: string): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select(sql<number>`ceil(extract(epoch from locked_until - now()))`.as('seconds'))
    .where('key', '=', key)
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Math.max(0, Number(row?.seconds ?? 0));
}

/**
 * Ends a check `reserve` placed. `failed`: one failure more, and the next check delayed once the
 * key has reached its allowance. `cleared`: the account's failures are forgiven (right password).
 */
export async function release(db: Db, key: string, policy: ThrottlePolicy, outcome: 'failed' | 'cleared' | 'done'): Promise<void> {
  const inFlight = sql<number>`greatest(login_failures.in_flight - 1, 0)`;
  if (outcome !== 'failed') {
    const update = db.updateTable('login_failures').set({ in_flight: inFlight }).where('key', '=', key);
    await (outcome === 'cleared' ? update.set({ failures: 0, locked_until: null }) : update).execute();
    return;
  }
  const delay = (failures: RawBuilder<number>) =>
    sql<Date | null>`case when ${failures} >= ${policy.maxFailures}
      then now() + least(${policy.maxDelaySeconds}, power(2, ${failures} - ${policy.maxFailures})) * interval '1 second' end`;
  await db
    .insertInto('login_failures')
    .values({ key, failures: 1, window_started_at: sql<Date>`now()`, locked_until: delay(sql<number>`1`), in_flight: 0 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`login_failures.failures + 1`,
        // The window runs from the latest failure.
        window_started_at: sql<Date>`now()`,
        locked_until: delay(sql<number>`login_failures.failures + 1`),
        in_flight: inFlight,
      }),
    )
    .execute();
}
