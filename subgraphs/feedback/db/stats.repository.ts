import { sql } from 'kysely';
import { KINDS, type Db, type FeedbackKind } from './tables';

export interface FeedbackStats {
  received: number;
  answered: number;
  averageResponseHours: number | null;
  averageSatisfaction: number | null;
  byKind: { kind: FeedbackKind; count: number }[];
}

/** Figures per department for items received in [from, to). One statement for any number of departments. */
export async function feedbackStatsByDepartments(db: Db, departmentIds: readonly string[], from: Date, to: Date): Promise<FeedbackStats[]> {
  const rows = await db
    .selectFrom('feedback')
    .select([
      'department_id',
      'kind',
      sql<number>`count(*)`.as('received'),
      sql<number>`count(first_answered_at)`.as('answered'),
      sql<number>`coalesce(sum(extract(epoch from first_answered_at - submitted_at)), 0)::float8`.as('response_seconds'),
      sql<number>`count(satisfaction)`.as('rated'),
      sql<number>`coalesce(sum(satisfaction), 0)::float8`.as('satisfaction_sum'),
    ])
    .where('department_id', 'in', [...departmentIds])
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .groupBy(['department_id', 'kind'])
    .execute();
  return departmentIds.map((id) => summarise(rows.filter((r) => r.department_id === id)));
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
