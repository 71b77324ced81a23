import { sql } from 'kysely';
import type { Db } from './users.repository';

/**
 * Failed sign-ins, counted per key (`account:<email>`, `ip:<address>`) in a sliding window.
 * Kept in Postgres so every replica of the subgraph enforces the same limit.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

/** Seconds until the key may try again, or 0 when it may try now. */
export async function lockedFor(db: Db, keys: string[]): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select(sql<number>`ceil(extract(epoch from max(locked_until) - now()))`.as('seconds'))
    .where('key', 'in', keys)
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return Math.max(0, Number(row?.seconds ?? 0));
}

/** Counts one failure; a key that reaches its limit inside the window is locked. One statement. */
export async function recordFailure(db: Db, key: string, policy: ThrottlePolicy): Promise<void> {
  const expired = sql<boolean>`login_failures.window_started_at < now() - ${sql.lit(`${policy.windowSeconds} seconds`)}::interval`;
  const lockUntil = sql<Date>`now() + ${sql.lit(`${policy.lockSeconds} seconds`)}::interval`;
  await db
    .insertInto('login_failures')
    .values({ key, failures: 1, window_started_at: sql<Date>`now()`, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${expired} then 1 else login_failures.failures + 1 end`,
        window_started_at: sql<Date>`case when ${expired} then now() else login_failures.window_started_at end`,
        locked_until: sql<Date>`case when not ${expired} and login_failures.failures + 1 >= ${policy.maxFailures}
          then ${lockUntil} else login_failures.locked_until end`,
      }),
    )
    .execute();
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}
