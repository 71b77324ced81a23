import { badInput } from '../kit/errors';
import type { StatsKey, StatsRow } from './db/stats.repository';
import type { Status } from './state-machine';

export interface ApplicationStats {
  submitted: number;
  byStatus: { status: Status; count: number }[];
  averageProcessingDays: number | null;
  overdue: number;
}

const DAY_SECONDS = 86_400;

/** Folds the per-state rows of one key into its figures. */
export function toStats(rows: StatsRow[]): ApplicationStats {
  const decided = rows.reduce((n, r) => n + r.decided, 0);
  const seconds = rows.reduce((n, r) => n + r.decidedSeconds, 0);
  return {
    submitted: rows.reduce((n, r) => n + r.count, 0),
    byStatus: rows.map((r) => ({ status: r.status, count: r.count })).sort((a, b) => a.status.localeCompare(b.status)),
    averageProcessingDays: decided ? Math.round((seconds / decided / DAY_SECONDS) * 10) / 10 : null,
    overdue: rows.reduce((n, r) => n + r.overdue, 0),
  };
}

export function statsKey(id: string, args: { from?: Date | string | null; to?: Date | string | null }): StatsKey {
  const from = args.from ? new Date(args.from) : null;
  const to = args.to ? new Date(args.to) : null;
  if (from && to && from > to) throw badInput('from must not be after to.');
  return { id, from, to };
}
