import { sql, type SqlBool } from 'kysely';
import { isUuid } from '../../kit/ids';
import { keysetAfter } from '../../kit/paging';
import { firstPerParent } from '../../kit/per-parent';
import { nextCounter, trackingNumberFromCounter } from '../../kit/tracking-numbers';
import { CLOCK_RUNNING, type Status } from '../state-machine';
import type { ApplicationRow, ApplicationTable, Db } from './tables';

export function findApplicationsByIds(db: Db, ids: readonly string[]): Promise<ApplicationRow[]> {
  return db.selectFrom('applications').selectAll().where('id', 'in', [...ids]).execute();
}

export function findByIdempotencyKey(db: Db, applicantId: string, key: string): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('applications')
    .selectAll()
    .where('applicant_id', '=', applicantId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** The unique index that lets exactly one of many identical submissions in. */
export const IDEMPOTENCY_INDEX = 'applications_idempotency';

/**
 * Stores a new application in ONE statement: the next tracking number of its department and year
 * (kit/tracking-numbers), the row, and its first history event. One statement is atomic without a
 * transaction and costs one round trip instead of five. When (applicant, idempotency key) exists,
 * the unique index `IDEMPOTENCY_INDEX` fails the whole statement, so no number is used up.
 */
export async function insertSubmitted(
  db: Db,
  row: Omit<ApplicationTable, 'version' | 'tracking_number'>,
  tracking: { prefix: string; departmentCode: string; year: number },
): Promise<ApplicationRow> {
  return db
    .with('counter', (qb) => nextCounter(qb, tracking.departmentCode, tracking.year))
    .with('app', (qb) =>
      qb
        .insertInto('applications')
        .values({
          ...row,
          form_data: JSON.stringify(row.form_data),
          due_calendar: (row.due_calendar ? JSON.stringify(row.due_calendar) : null) as never,
          tracking_number: trackingNumberFromCounter(tracking.prefix) })
        .returningAll(),
    )
    .with('event', (qb) =>
      qb
        .insertInto('application_history')
        .columns(['application_id', 'at', 'from_status', 'to_status', 'comment', 'actor_id'])
        .expression((eb) =>
          eb
            .selectFrom('app')
            .select(['id', 'submitted_at', sql<null>`null`.as('from_status'), 'status', sql<null>`null`.as('comment'), 'applicant_id']),
        ),
    )
    .selectFrom('app')
    .selectAll()
    .executeTakeFirstOrThrow() as Promise<ApplicationRow>;
}

/**
 * Moves an application from one state to another only if nobody changed it since `expectedVersion`
 * was read: the version and state checks and the write are one statement, so of two concurrent
 * callers exactly one gets the row back.
 */
export function updateIfUnchanged(
  db: Db,
  id: string,
  expectedVersion: number,
  from: Status,
  set: Partial<Pick<ApplicationTable, 'status' | 'decided_at' | 'due_at' | 'form_data' | 'supplement_requested_at'>>,
): Promise<ApplicationRow | undefined> {
  const values = 'form_data' in set ? { ...set, form_data: JSON.stringify(set.form_data) } : set;
  return db
    .updateTable('applications')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

/** `true`: still waiting for the department and past due now. */
export const overdueSql = sql<boolean>`(status in (${sql.join([...CLOCK_RUNNING])}) and due_at < now())`;

export interface QueueFilter {
  departmentId: string | null;
  statuses: Status[];
  overdue: boolean | null;
  procedureId: string | null;
  applicantId?: string | null;
  /** Trimmed, non-empty: a tracking number (or its last digits), or part of the applicant's name or email in the form. */
  search?: string | null;
}

/** `%`, `_` and `\` match themselves in a search. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function queueQuery(db: Db, f: QueueFilter) {
  let q = db.selectFrom('applications').where('status', 'in', f.statuses);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  if (f.procedureId) q = q.where('procedure_id', '=', f.procedureId);
  if (f.applicantId) q = q.where('applicant_id', '=', f.applicantId);
  if (f.search) {
    const term = f.search;
    // A whole tracking number is one unique-index lookup; digits match the number's end; anything
    // else the applicant's name or email as the form gives them (within the other filters).
    const contains = `%${likeEscape(term.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        eb('tracking_number', '=', term.toUpperCase()),
        ...(/^\d{1,6}$/.test(term) ? [eb('tracking_number', 'like', `%-${term.padStart(6, '0')}`)] : []),
        eb(sql`lower(form_data->'applicant'->>'fullName')`, 'like', contains),
        eb(sql`lower(form_data->'applicant'->>'email')`, 'like', contains),
      ]),
    );
  }
  if (f.overdue === true) q = q.where(overdueSql);
  if (f.overdue === false) q = q.where(sql<boolean>`not ${overdueSql}`);
  return q;
}

/** Oldest due first; `limit` rows after the cursor key (due_at, id). */
export function listQueue(db: Db, f: QueueFilter, after: [Date, string] | null, limit: number): Promise<ApplicationRow[]> {
  let q = queueQuery(db, f).selectAll();
  if (after) q = q.where(keysetAfter(['due_at', 'id'], after, 'asc'));
  return q.orderBy('due_at').orderBy('id').limit(limit).execute();
}

export async function countQueue(db: Db, f: QueueFilter): Promise<number> {
  const row = await queueQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** An applicant's applications, newest first; `limit` rows after the cursor key (submitted_at, id). */
/**
 * Several people's application lists, newest first, in one statement, each read from its own
 * (applicant_id, submitted_at, id) index range (kit/per-parent.ts): a page costs a page, however
 * many people are asked for and however many applications they have made.
 */
export function listByApplicants(
  db: Db,
  applicantIds: readonly string[],
  after: [Date, string] | null,
  limit: number,
): Promise<(ApplicationRow & { parent_id: string })[]> {
  return firstPerParent(db, {
    ids: applicantIds.filter(isUuid),
    page: (applicant) => {
      let q = db.selectFrom('applications').selectAll().where(sql<SqlBool>`applicant_id = ${applicant}`);
      if (after) q = q.where(keysetAfter(['submitted_at', 'id'], after, 'desc'));
      return q.orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(limit);
    },
    order: [['submitted_at', 'desc'], ['id', 'desc']],
  }) as Promise<(ApplicationRow & { parent_id: string })[]>;
}

/** People's application totals from the counters a trigger keeps (migration 0004): one row each. */
export async function countByApplicants(db: Db, applicantIds: readonly string[]): Promise<Map<string, number>> {
  const ids = applicantIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('applicant_counts').select(['applicant_id', 'n']).where('applicant_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.applicant_id, r.n]));
}
