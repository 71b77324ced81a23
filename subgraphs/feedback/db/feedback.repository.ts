import { sql, type Expression, type SqlBool } from 'kysely';
import { keysetAfter } from '../../kit/paging';
import type { Db, FeedbackKind, FeedbackRow, FeedbackStatus } from './tables';

/**
 * Reading feedback. Answered items close by themselves after a quiet period without a rating;
 * rather than a timer that rewrites rows, the status is computed when read (`effectiveStatus`), so
 * it is exact to the millisecond, survives restarts and needs no background job.
 */
export const QUIET_PERIOD_DAYS = 14;

export const effectiveStatus = sql<FeedbackStatus>`(case when status = 'ANSWERED' and last_reply_at < now() - interval '${sql.raw(
  String(QUIET_PERIOD_DAYS),
)} days' then 'CLOSED' else status end)`;

/** Not answered yet and past due, against the database's clock. */
export const isOverdue = sql<SqlBool>`(first_answered_at is null and due_at < now())`;

export const FEEDBACK_COLUMNS = [
  'id', 'tracking_number', 'kind', 'subject', 'body', 'department_id', 'procedure_id', 'publication_id',
  'application_id', 'submitter_id', 'idempotency_key', 'submitted_at', 'due_at', 'due_calendar', 'first_answered_at',
  'last_reply_at', 'closed_at', 'is_public', 'publication_consent', 'satisfaction',
] as const;

/** Every column, with `status` as it stands now. */
export const selectFeedback = (db: Db) => db.selectFrom('feedback').select(FEEDBACK_COLUMNS).select(effectiveStatus.as('status'));

export function findFeedbackByIds(db: Db, ids: readonly string[]): Promise<FeedbackRow[]> {
  return selectFeedback(db).where('id', 'in', [...ids]).execute() as Promise<FeedbackRow[]>;
}

export interface QueueFilter {
  departmentId: string | null;
  kinds?: FeedbackKind[] | null;
  statuses?: FeedbackStatus[] | null;
  overdue?: boolean | null;
}

function queueWhere(f: QueueFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.departmentId) where.push(sql<SqlBool>`department_id = ${f.departmentId}`);
  if (f.kinds?.length) where.push(sql<SqlBool>`kind in (${sql.join(f.kinds)})`);
  if (f.statuses?.length) where.push(sql<SqlBool>`${effectiveStatus} in (${sql.join(f.statuses)})`);
  if (f.overdue === true) where.push(isOverdue);
  if (f.overdue === false) where.push(sql<SqlBool>`not ${isOverdue}`);
  return where;
}

/** The officers' queue: earliest due first, keyset on (due_at, id). One statement. */
export function listQueue(db: Db, f: QueueFilter, limit: number, after: [string, string] | null): Promise<FeedbackRow[]> {
  const where = queueWhere(f);
  if (after) where.push(keysetAfter(['due_at', 'id'], [new Date(after[0]), after[1]], 'asc'));
  return selectFeedback(db)
    .where((eb) => eb.and(where))
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute() as Promise<FeedbackRow[]>;
}

export async function countQueue(db: Db, f: QueueFilter): Promise<number> {
  const where = queueWhere(f);
  const row = await db.selectFrom('feedback').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.and(where)).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PublicFilter {
  kinds?: FeedbackKind[] | null;
  departmentId?: string | null;
}

function publicWhere(f: PublicFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [sql<SqlBool>`is_public = true`];
  if (f.kinds?.length) where.push(sql<SqlBool>`kind in (${sql.join(f.kinds)})`);
  if (f.departmentId) where.push(sql<SqlBool>`department_id = ${f.departmentId}`);
  return where;
}

/** Public items, newest first, keyset on (submitted_at, id). */
export function listPublic(db: Db, f: PublicFilter, limit: number, after: [string, string] | null): Promise<FeedbackRow[]> {
  const where = publicWhere(f);
  if (after) where.push(keysetAfter(['submitted_at', 'id'], [new Date(after[0]), after[1]], 'desc'));
  return selectFeedback(db)
    .where((eb) => eb.and(where))
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute() as Promise<FeedbackRow[]>;
}

export async function countPublic(db: Db, f: PublicFilter): Promise<number> {
  const row = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(publicWhere(f)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
