import { sql } from 'kysely';
import { effectiveStatus, selectFeedback } from './feedback.repository';
import type { Db, FeedbackRow, FeedbackTable } from './tables';

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

export async function countSince(db: Db, submitterId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('submitter_id', '=', submitterId)
    .where('submitted_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `FB-TAX-2026-000042`: the next number of the department's sequence for that year. */
export async function nextTrackingNumber(trx: Db, departmentCode: string, year: number): Promise<string> {
  const row = await trx
    .insertInto('tracking_counters')
    .values({ department_code: departmentCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['department_code', 'year']).doUpdateSet({ last: sql<number>`tracking_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `FB-${departmentCode}-${year}-${String(row.last).padStart(6, '0')}`;
}

/** Inserts an item; undefined when the citizen already sent one with this idempotency key. */
export async function insertFeedback(trx: Db, row: Omit<FeedbackTable, 'first_answered_at' | 'last_reply_at' | 'closed_at' | 'satisfaction'>) {
  return trx
    .insertInto('feedback')
    .values(row)
    .onConflict((oc) => oc.columns(['submitter_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
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
