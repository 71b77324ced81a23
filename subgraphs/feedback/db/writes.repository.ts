import { sql } from 'kysely';
import { nextCounter, trackingNumberFromCounter } from '../../kit/tracking-numbers';
import { effectiveStatus, FEEDBACK_COLUMNS, selectFeedback } from './feedback.repository';
import type { Db, FeedbackKind, FeedbackRow, FeedbackTable } from './tables';

/** Changing feedback. Every state change is one conditional UPDATE, so a race cannot skip a state. */

export function findByIdempotencyKey(db: Db, submitterId: string, key: string): Promise<FeedbackRow | undefined> {
  return selectFeedback(db).where('submitter_id', '=', submitterId).where('idempotency_key', '=', key).executeTakeFirst() as Promise<
    FeedbackRow | undefined
  >;
}

/**
 * Serialises one citizen's submissions until the transaction ends, so the hourly count cannot be
 * outrun by parallel requests. Other citizens are not held up.
 */
export async function lockSubmitter(trx: Db, submitterId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`feedback:${submitterId}`}))`.execute(trx);
}

/** The unique constraint that lets one item in per (submitter, idempotency key). */
export const IDEMPOTENCY_CONSTRAINT = 'feedback_idempotency';

/**
 * What a submission must know before it writes, in one statement (run after `lockSubmitter`, so it
 * sees every earlier submission of this citizen): the item already sent with this key, if any,
 * how many items were sent since `since`, and the department's own time limit for the kind, if set.
 */
export async function beforeSubmitting(
  trx: Db,
  q: { submitterId: string; key: string | null; since: Date; departmentId: string; kind: FeedbackKind },
): Promise<{ existingId: string | null; recent: number; workingDays: number | null }> {
  const row = await trx
    .selectNoFrom((eb) => [
      eb
        .selectFrom('feedback')
        .select('id')
        .where('submitter_id', '=', q.submitterId)
        .where('idempotency_key', '=', q.key)
        .as('existingId'),
      eb
        .selectFrom('feedback')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('submitter_id', '=', q.submitterId)
        .where('submitted_at', '>', q.since)
        .as('recent'),
      eb
        .selectFrom('time_limits')
        .select('working_days')
        .where('department_id', '=', q.departmentId)
        .where('kind', '=', q.kind)
        .as('workingDays'),
    ])
    .executeTakeFirstOrThrow();
  return { existingId: row.existingId ?? null, recent: Number(row.recent), workingDays: row.workingDays ?? null };
}

/**
 * Stores an item with the next `FB-…` number of its department and year in ONE statement
 * (kit/tracking-numbers) and returns it as `selectFeedback` reads it.
 */
export function insertReceived(
  trx: Db,
  row: Omit<FeedbackTable, 'tracking_number' | 'first_answered_at' | 'last_reply_at' | 'closed_at' | 'satisfaction'>,
  tracking: { prefix: string; departmentCode: string; year: number },
): Promise<FeedbackRow> {
  return trx
    .with('counter', (qb) => nextCounter(qb, tracking.departmentCode, tracking.year))
    .with('inserted', (qb) => qb.insertInto('feedback').values({ ...row, tracking_number: trackingNumberFromCounter(tracking.prefix) }).returningAll())
    .selectFrom('inserted')
    .select(FEEDBACK_COLUMNS)
    .select(effectiveStatus.as('status'))
    .executeTakeFirstOrThrow() as Promise<FeedbackRow>;
}

/** RECEIVED → IN_PROGRESS; false when it was in any other state. */
export async function markInProgress(db: Db, id: string): Promise<boolean> {
  const r = await db.updateTable('feedback').set({ status: 'IN_PROGRESS' }).where('id', '=', id).where('status', '=', 'RECEIVED').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records a reply: the first one makes the item ANSWERED; every reply restarts the quiet period.
 * Closed items take no more replies (false).
 */
export async function addReply(
  trx: Db,
  reply: { id: string; feedbackId: string; authorId: string; body: string; at: Date; makePublic: boolean },
): Promise<boolean> {
  const r = await trx
    .updateTable('feedback')
    .set({
      status: sql`case when status in ('RECEIVED', 'IN_PROGRESS') then 'ANSWERED' else status end`,
      first_answered_at: sql`coalesce(first_answered_at, ${reply.at})`,
      last_reply_at: reply.at,
      is_public: sql`is_public or ${reply.makePublic}`,
    })
    .where('id', '=', reply.feedbackId)
    .where(effectiveStatus, '<>', 'CLOSED')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await trx
    .insertInto('feedback_replies')
    .values({ id: reply.id, feedback_id: reply.feedbackId, author_id: reply.authorId, body: reply.body, created_at: reply.at })
    .execute();
  return true;
}

/** The sender's rating; only while ANSWERED (not yet rated, quiet period not over). Closes it. */
export async function rate(db: Db, id: string, submitterId: string, score: number): Promise<boolean> {
  const r = await db
    .updateTable('feedback')
    .set({ status: 'CLOSED', satisfaction: score, closed_at: sql`now()` })
    .where('id', '=', id)
    .where('submitter_id', '=', submitterId)
    .where(effectiveStatus, '=', 'ANSWERED')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The sender's consent to publication; withdrawing it also takes the item out of public view. */
export async function setConsent(trx: Db, id: string, senderId: string, consent: boolean): Promise<boolean> {
  const r = await trx
    .updateTable('feedback')
    .set(consent ? { publication_consent: true } : { publication_consent: false, is_public: false })
    .where('id', '=', id)
    .where('submitter_id', '=', senderId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
