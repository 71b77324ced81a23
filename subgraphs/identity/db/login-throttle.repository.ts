import { sql } from 'kysely';
import type { Db } from './users.repository';

/**
 * Failed sign-ins, counted per key (`pair:<email> <address>`, `account:<email>`, `ip:<address>`).
 * Kept in Postgres so every replica of the subgraph enforces the same limits.
 *
 * No key is ever locked: past `free` failures each further failure makes the key wait
 * 1, 2, 4 … seconds (at most `maxDelaySeconds`) before its next attempt, so the right password
 * always gets through after a short, stated wait. A key's count restarts after `windowSeconds`
 * without a failure.
 */
export interface DelayPolicy {
  free: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

export interface ThrottledKey {
  key: string;
  policy: DelayPolicy;
}

class MustWait extends Error {
  constructor(readonly seconds: number) {
    super('must wait');
  }
}

const delayAfter = (failures: ReturnType<typeof sql<number>>, p: DelayPolicy) =>
  sql<Date>`case when ${failures} < ${sql.lit(p.free)} then now()
    else now() + least(${sql.lit(p.maxDelaySeconds)}, power(2, least(${failures} - ${sql.lit(p.free)}, 30))) * interval '1 second' end`;

/**
 * Takes one attempt for every key, counted as a failure until it is settled, or none of them:
 * 0 when the attempt may go on, else the seconds to wait. Counting before the password is checked,
 * in one transaction whose upserts lock each key's row, is what makes concurrent attempts count
 * exactly: twenty at once get exactly `free` checks, not twenty.
 */
export async function reserveAttempt(db: Db, keys: ThrottledKey[]): Promise<number> {
  try {
    await db.transaction().execute(async (tx) => {
      for (const { key, policy } of keys) {
        const expired = sql<boolean>`login_failures.last_failure_at < now() - ${sql.lit(`${policy.windowSeconds} seconds`)}::interval`;
        const failures = sql<number>`(case when ${expired} then 1 else login_failures.failures + 1 end)`;
        const taken = await tx
          .insertInto('login_failures')
          .values({ key, failures: 1, last_failure_at: sql<Date>`now()`, next_attempt_at: delayAfter(sql<number>`1`, policy) })
          .onConflict((oc) =>
            oc
              .column('key')
              .doUpdateSet({ failures, last_failure_at: sql<Date>`now()`, next_attempt_at: delayAfter(failures, policy) })
              .where(sql<boolean>`login_failures.next_attempt_at <= now() or ${expired}`),
          )
          .returning('failures')
          .executeTakeFirst();
        if (taken) continue;
        // The conflicting row is locked by now, so this is the wait that refused us.
        const row = await tx
          .selectFrom('login_failures')
          .select(sql<number>`ceil(extract(epoch from next_attempt_at - now()))`.as('seconds'))
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        throw new MustWait(Math.max(1, Number(row.seconds)));
      }
    });
    return 0;
  } catch (err) {
    if (err instanceof MustWait) return err.seconds;
    throw err;
  }
}

/**
 * The attempt signed in: the keys of the account start over, and the shared keys (an address)
 * get back the failure their reservation counted.
 */
export async function settleSuccess(db: Db, clear: ThrottledKey[], refund: ThrottledKey[]): Promise<void> {
  if (clear.length) await db.deleteFrom('login_failures').where('key', 'in', clear.map((k) => k.key)).execute();
  for (const { key, policy } of refund) {
    await db
      .updateTable('login_failures')
      .set({
        failures: sql<number>`greatest(0, failures - 1)`,
        next_attempt_at: sql<Date>`case when failures - 1 < ${sql.lit(policy.free)} then now() else next_attempt_at end`,
      })
      .where('key', '=', key)
      .execute();
  }
}
