import { sql, type QueryCreator } from 'kysely';

/**
 * Tracking numbers (`TAX-2026-000042`, `FB-TAX-2026-000007`): a prefix and the next number of a
 * per-department, per-year counter row. Applications and feedback each keep such a counter in
 * their own `tracking_counters` table and take the next number in the same statement that stores
 * the item, as a CTE named `counter`: one round trip, the counter row locked only for it, and a
 * failed insert uses up no number.
 */
export interface TrackingCounterTable {
  department_code: string;
  year: number;
  last: number;
}

type CounterDB = { tracking_counters: TrackingCounterTable };

/** The number in JS, for seeds and generated data: six digits, more once it outgrows them. */
export const formatTrackingNumber = (prefix: string, sequence: number) => `${prefix}${String(sequence).padStart(6, '0')}`;

/** The CTE `counter`: advances (or starts) the department's counter for the year, returning `last`. */
export const nextCounter = <DB extends CounterDB>(qb: QueryCreator<DB>, departmentCode: string, year: number) =>
  // Only the counter table is touched; Kysely cannot narrow a generic DB to it by itself.
  (qb as unknown as QueryCreator<CounterDB>)
    .insertInto('tracking_counters')
    .values({ department_code: departmentCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['department_code', 'year']).doUpdateSet({ last: sql<number>`tracking_counters.last + 1` }))
    .returning('last');

/** The tracking number from the CTE `counter`, formatted as `formatTrackingNumber` does. */
export const trackingNumberFromCounter = (prefix: string) =>
  sql<string>`(select ${prefix}::text || lpad(last::text, greatest(6, length(last::text)), '0') from counter)`;
