import { sql } from 'kysely';
import { UUID } from '../../kit/ids';
import { groupByKey } from '../../kit/loaders';
import { KINDS, type Db, type FeedbackKind } from './tables';

export interface FeedbackStats {
  received: number;
  answered: number;
  averageResponseHours: number | null;
  averageSatisfaction: number | null;
  byKind: { kind: FeedbackKind; count: number }[];
}

/**
 * Figures per department for items received in [from, to), for any number of departments in one
 * statement: each department reads only its own period, a lateral range of the covering index
 * (migration 0008), index-only. Filtering the table by `department_id in (…)` let the planner scan
 * all of it in parallel (296 ms on 300,000 items): the work is now the items in the period.
 */
export async function feedbackStatsByDepartments(db: Db, departmentIds: readonly string[], from: Date, to: Date): Promise<FeedbackStats[]> {
  const { rows } = await sql<KindRow & { department_id: string }>`
    select d.id as department_id, f.kind, count(*) as received, count(f.first_answered_at) as answered,
      coalesce(sum(extract(epoch from f.first_answered_at - f.submitted_at)), 0)::float8 as response_seconds,
      count(f.satisfaction) as rated, coalesce(sum(f.satisfaction), 0)::float8 as satisfaction_sum
    from unnest(${departmentIds.filter((id) => UUID.test(id))}::uuid[]) as d(id)
    cross join lateral (${db
      .selectFrom('feedback')
      .select(['kind', 'submitted_at', 'first_answered_at', 'satisfaction'])
      .where('department_id', '=', sql<string>`d.id`)
      .where('submitted_at', '>=', from)
      .where('submitted_at', '<', to)}) as f
    group by d.id, f.kind`.execute(db);
  return groupByKey(departmentIds, rows, (r) => r.department_id).map(summarise);
}

type KindRow = { kind: FeedbackKind; received: number; answered: number; response_seconds: number; rated: number; satisfaction_sum: number };

/** Sums the per-kind rows of one department; averages are over the answered and the rated only. */
function summarise(rows: KindRow[]): FeedbackStats {
  let received = 0, answered = 0, seconds = 0, rated = 0, satisfaction = 0;
  const counts = new Map<string, number>();
  for (const r of rows) {
    received += Number(r.received);
    answered += Number(r.answered);
    seconds += Number(r.response_seconds);
    rated += Number(r.rated);
    satisfaction += Number(r.satisfaction_sum);
    counts.set(r.kind, Number(r.received));
  }
  return {
    received,
    answered,
    averageResponseHours: answered ? seconds / answered / 3600 : null,
    averageSatisfaction: rated ? satisfaction / rated : null,
    byKind: KINDS.map((kind) => ({ kind, count: counts.get(kind) ?? 0 })),
  };
}
