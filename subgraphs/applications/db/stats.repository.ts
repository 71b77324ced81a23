import { sql, type Kysely } from 'kysely';
import type { Status } from '../state-machine';
import { overdueSql } from './applications.repository';
import type { Db } from './tables';

/** One statistics question: the applications of a procedure or a department submitted in [from, to). */
export interface StatsKey {
  id: string;
  from: Date | null;
  to: Date | null;
}

export interface StatsRow {
  /** 1-based position of the key in the batch. */
  n: number;
  status: Status;
  count: number;
  decided: number;
  decidedSeconds: number;
  overdue: number;
}

/**
 * Figures for a whole batch of keys, each with its own period, in one aggregate statement: the
 * keys travel as arrays and are joined in as rows (`unnest … with ordinality`).
 */
export async function statsFor(db: Db, by: 'procedure_id' | 'department_id', keys: readonly StatsKey[]): Promise<StatsRow[]> {
  const ids = keys.map((k) => k.id);
  const froms = keys.map((k) => k.from?.toISOString() ?? null);
  const tos = keys.map((k) => k.to?.toISOString() ?? null);
  const k = sql<{ id: string; f: Date | null; t: Date | null; n: number }>`(select * from unnest(
    ${ids}::uuid[], ${froms}::timestamptz[], ${tos}::timestamptz[]) with ordinality as u(id, f, t, n))`;
  // The key rows are not a table Kysely knows; the untyped builder still qualifies `applications`.
  const rows = await (db as unknown as Kysely<any>)
    .selectFrom(k.as('k'))
    .innerJoin('applications', (j: any) =>
      j
        .onRef(`applications.${by}`, '=', 'k.id')
        .on(sql<boolean>`(k.f is null or applications.submitted_at >= k.f)`)
        .on(sql<boolean>`(k.t is null or applications.submitted_at < k.t)`),
    )
    .select([
      sql<number>`k.n`.as('n'),
      'applications.status as status',
      sql<number>`count(*)::int`.as('count'),
      sql<number>`(count(*) filter (where applications.decided_at is not null))::int`.as('decided'),
      sql<string>`coalesce(sum(extract(epoch from applications.decided_at - applications.submitted_at)), 0)`.as('decidedSeconds'),
      sql<number>`(count(*) filter (where ${overdueSql}))::int`.as('overdue'),
    ])
    .groupBy([sql`k.n`, 'applications.status'])
    .execute();
  return (rows as (Omit<StatsRow, 'decidedSeconds'> & { decidedSeconds: string })[]).map((r) => ({
    ...r,
    n: Number(r.n),
    decidedSeconds: Number(r.decidedSeconds),
  }));
}
