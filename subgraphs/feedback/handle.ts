import { randomUUID } from 'node:crypto';
import type { AuditRecorder } from '../kit/audit';
import type { EventOutbox } from '../kit/event-outbox';
import { emitFeedbackUpdated, type FeedbackAction } from './events';
import { forbidden, notFound, requireRole, userError, type UserError } from '../kit/errors';
import type { Identity } from '../../core/identity';
import { mayHandle, maySee } from './access';
import { findFeedbackByIds } from './db/feedback.repository';
import { isUuid } from './ids';
import type { Db, FeedbackRow } from './db/tables';
import { addReply, markInProgress, rate, setConsent } from './db/writes.repository';

/**
 * What happens to an item after it is sent: officers start and answer it, the sender rates the
 * answer. An item the caller may not act on is NOT_FOUND, exactly like one that does not exist.
 */
export type Result = { feedback: FeedbackRow | null; userErrors: UserError[] };
const failed = (...userErrors: UserError[]): Result => ({ feedback: null, userErrors });
const MAX_REPLY = 5000;

/** What handling needs of the request: the store, the caller, the audit recorder and the events. */
export interface Handling {
  db: Db;
  identity: Identity;
  audit: AuditRecorder;
  events: EventOutbox;
}

async function load(db: Db, id: string): Promise<FeedbackRow | undefined> {
  return isUuid(id) ? (await findFeedbackByIds(db, [id]))[0] : undefined;
}

async function forHandler(ctx: Handling, id: string): Promise<FeedbackRow> {
  ctx.audit.actingOn(id);
  requireRole(ctx.identity, 'OFFICER', 'ADMIN');
  const row = await load(ctx.db, id);
  if (!row || !mayHandle(ctx.identity, row)) throw notFound('Feedback');
  return row;
}

/**
 * Runs a guarded write with its audit entry and its event in one transaction; false when the
 * guard refused. The event tells the item's state as this transaction left it.
 */
const audited = (ctx: Handling, target: string, action: FeedbackAction, write: (trx: Db) => Promise<boolean>) =>
  ctx.db.transaction().execute(async (trx) => {
    const ok = await write(trx);
    if (ok) {
      await ctx.audit.record(trx, { target });
      const [now] = await findFeedbackByIds(trx, [target]);
      if (now) await emitFeedbackUpdated(ctx.events, trx, now, action);
    }
    return ok;
  });

const reloaded = async (db: Db, id: string): Promise<Result> => ({ feedback: (await load(db, id)) ?? null, userErrors: [] });

export async function startFeedback(ctx: Handling, id: string): Promise<Result> {
  const row = await forHandler(ctx, id);
  if (!(await audited(ctx, row.id, 'START', (trx) => markInProgress(trx, row.id))))
    return failed(userError(null, 'INVALID_TRANSITION', `Only received items can be started; this one is ${row.status}.`, { status: row.status }));
  return reloaded(ctx.db, row.id);
}

export async function replyToFeedback(ctx: Handling, input: { feedbackId: string; body: string; makePublic?: boolean | null }): Promise<Result> {
  const row = await forHandler(ctx, input.feedbackId);
  const body = input.body.trim();
  if (body.length === 0 || body.length > MAX_REPLY)
    return failed(userError('input.body', 'INVALID_BODY', `Write an answer of 1 to ${MAX_REPLY} characters.`, { min: 1, max: MAX_REPLY }));
  // Publishing needs the sender's consent (shared/contract/README.md); answering does not.
  if (input.makePublic === true && !row.publication_consent && !row.is_public) {
    return failed(userError('input.makePublic', 'NO_CONSENT', 'The sender has not agreed to publication. Answer without publishing it.'));
  }
  const ok = await audited(ctx, row.id, 'REPLY', (trx) =>
    addReply(trx, { id: randomUUID(), feedbackId: row.id, authorId: ctx.identity.userId!, body, at: new Date(), makePublic: input.makePublic === true }),
  );
  if (!ok) return failed(userError(null, 'INVALID_TRANSITION', 'This item is closed and takes no more replies.'));
  return reloaded(ctx.db, row.id);
}

/** The sender gives or withdraws consent to publication; withdrawing takes a published item out of view. */
export async function setPublicationConsent(ctx: Handling, input: { feedbackId: string; consent: boolean }): Promise<Result> {
  ctx.audit.actingOn(input.feedbackId);
  const me = requireRole(ctx.identity);
  const row = await load(ctx.db, input.feedbackId);
  if (!row || !maySee(ctx.identity, row)) throw notFound('Feedback');
  if (row.submitter_id !== me) throw forbidden('Only the sender decides whether their feedback may be published.');
  await audited(ctx, row.id, 'CONSENT', (trx) => setConsent(trx, row.id, me, input.consent));
  return reloaded(ctx.db, row.id);
}

export async function rateFeedback(ctx: Handling, input: { feedbackId: string; score: number }): Promise<Result> {
  ctx.audit.actingOn(input.feedbackId);
  const me = requireRole(ctx.identity);
  const row = await load(ctx.db, input.feedbackId);
  if (!row || row.submitter_id !== me) throw notFound('Feedback');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
    return failed(userError('input.score', 'INVALID_SCORE', 'Rate the answer from 1 (bad) to 5 (good).'));
  if (!(await audited(ctx, row.id, 'RATE', (trx) => rate(trx, row.id, me, input.score)))) {
    const why = row.status === 'CLOSED' ? 'This item is closed and can no longer be rated.' : 'You can rate the answer once the department has answered.';
    return failed(userError(null, 'INVALID_TRANSITION', why));
  }
  return reloaded(ctx.db, row.id);
}
