import { sql } from 'kysely';
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
 * keys travel as arrays (`unnest … with ordinality`) and each key reads only its own period, a
 * lateral range of the covering index on (owner, submitted_at) (migration 0010), index-only. A
 * plain join of the keys with the table let the planner hash the whole table (1.4 s for 400
 * procedures on 1,000,000 applications, against 25 ms): the work is now the applications in the
 * asked periods, never the table.
 */
export async function statsFor(db: Db, by: 'procedure_id' | 'department_id', keys: readonly StatsKey[]): Promise<StatsRow[]> {
  const ids = keys.map((k) => k.id);
  const froms = keys.map((k) => k.from?.toISOString() ?? null);
  const tos = keys.map((k) => k.to?.toISOString() ?? null);
  const { rows } = await sql<Omit<StatsRow, 'decidedSeconds'> & { decidedSeconds: string }>`
    select k.n as n, applications.status as status, count(*)::int as count,
      (count(*) filter (where applications.decided_at is not null))::int as "decided",
      coalesce(sum(extract(epoch from applications.decided_at - applications.submitted_at)), 0) as "decidedSeconds",
      (count(*) filter (where ${overdueSql}))::int as overdue
    from unnest(${ids}::uuid[], ${froms}::timestamptz[], ${tos}::timestamptz[]) with ordinality as k(id, f, t, n)
    cross join lateral (${db
      .selectFrom('applications')
      .select(['status', 'submitted_at', 'decided_at', 'due_at'])
      .where(sql.ref(by), '=', sql<string>`k.id`)
      .where(sql<boolean>`submitted_at >= coalesce(k.f, '-infinity') and submitted_at < coalesce(k.t, 'infinity')`)}) as applications
    group by k.n, applications.status`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n), decidedSeconds: Number(r.decidedSeconds) }));
}
