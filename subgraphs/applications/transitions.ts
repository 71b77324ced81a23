import { emitApplicationUpdated } from './events';
import { forbidden, notFound, requireRole, userError, type UserError } from '../kit/errors';
import type { Identity } from '../../core/identity';
import { isUuid, mayHandle, maySee } from './access';
import { findApplicationsByIds, updateIfUnchanged } from './db/applications.repository';
import { insertDocuments } from './db/documents.repository';
import { insertEvent } from './db/history.repository';
import { attachedMeanwhile, checkDocuments, DOCUMENT_KEY, type DocumentInput } from './documents';
import { isUniqueViolation } from '../kit/db';
import type { ApplicationRow, ApplicationTable, DocumentRow } from './db/tables';
import type { ApplicationsContext } from './loaders';
import { formVersion } from './procedures-client';
import { DECIDING, officerTransition, REASON_REQUIRED, WITHDRAWABLE, type Action, type CaseAction, type Status } from './state-machine';

export interface ChangeResult {
  application: ApplicationRow | null;
  userErrors: UserError[];
}

const MAX_COMMENT = 4000;

/** The application if the caller may see it; NOT_FOUND otherwise, exactly as for an id that does not exist. */
async function visible(ctx: ApplicationsContext, id: string): Promise<ApplicationRow> {
  ctx.audit.actingOn(id);
  requireRole(ctx.identity);
  const row = isUuid(id) ? await ctx.loaders.application.load(id) : null;
  if (!row || !maySee(ctx.identity, row)) throw notFound('Application');
  return row;
}

const versionConflict = (row: ApplicationRow, field = 'input.expectedVersion'): ChangeResult => ({
  application: row,
  userErrors: [
    userError(field, 'VERSION_CONFLICT', 'Someone changed this application meanwhile. Reload it and try again.'),
  ],
});

const invalidTransition = (row: ApplicationRow, what: string, field = 'input.action'): ChangeResult => ({
  application: row,
  userErrors: [userError(field, 'INVALID_TRANSITION', `${what} is not possible while the application is ${row.status}.`, { status: row.status })],
});

/**
 * Writes one transition: the guarded update, its history event and its audit entry commit together
 * or not at all.
 * When the guard fails someone else won; the caller gets VERSION_CONFLICT with the current state.
 */
async function commit(
  ctx: ApplicationsContext,
  row: ApplicationRow,
  expectedVersion: number,
  to: Status,
  action: CaseAction,
  set: Partial<Pick<ApplicationTable, 'decided_at' | 'due_at' | 'form_data' | 'supplement_requested_at'>>,
  actor: Identity,
  comment: string | null,
  at: Date,
  documents: DocumentRow[] = [],
): Promise<ChangeResult> {
  const write = ctx.db.transaction().execute(async (tx) => {
    const next = await updateIfUnchanged(tx, row.id, expectedVersion, row.status, { ...set, status: to });
    if (next) {
      await insertEvent(tx, { applicationId: row.id, at, from: row.status, to, comment, actorId: actor.userId! });
      await insertDocuments(tx, documents);
      await ctx.audit.record(tx, { target: row.id });
      await emitApplicationUpdated(ctx.events, tx, next, row.status, action);
    }
    return next;
  });
  const updated = await write.catch((err) => {
    if (isUniqueViolation(err, DOCUMENT_KEY)) return 'attached meanwhile' as const;
    throw err;
  });
  if (updated === 'attached meanwhile') return { application: row, userErrors: [attachedMeanwhile()] };
  if (!updated) {
    const [current] = await findApplicationsByIds(ctx.db, [row.id]);
    return versionConflict(current ?? row);
  }
  ctx.loaders.application.clear(row.id).prime(row.id, updated);
  ctx.loaders.history.clear(row.id);
  ctx.loaders.documents.clear(row.id);
  return { application: updated, userErrors: [] };
}

function checkComment(comment: string | null | undefined): UserError[] {
  if (comment && comment.length > MAX_COMMENT) {
    return [userError('input.comment', 'COMMENT_TOO_LONG', `Keep the comment under ${MAX_COMMENT} characters.`, { max: MAX_COMMENT })];
  }
  return [];
}

/** An officer of the application's department (or an admin) moves it along the state machine. */
export async function transition(
  ctx: ApplicationsContext,
  input: { id: string; action: Action; expectedVersion: number; comment?: string | null },
): Promise<ChangeResult> {
  const row = await visible(ctx, input.id);
  if (!mayHandle(ctx.identity, row)) throw forbidden('Only officers of the responsible department may do this.');
  const problems = checkComment(input.comment);
  if (problems.length) return { application: row, userErrors: problems };
  if (row.version !== input.expectedVersion) return versionConflict(row);
  const to = officerTransition(row.status, input.action);
  if (!to) return invalidTransition(row, input.action);
  if (REASON_REQUIRED.has(input.action) && !input.comment?.trim()) {
    return { application: row, userErrors: [userError('input.comment', 'REASON_REQUIRED', 'Say why: the applicant reads this reason.')] };
  }

  const now = new Date();
  const set: Parameters<typeof commit>[5] = {};
  if (DECIDING.has(to)) set.decided_at = now;
  if (to === 'SUPPLEMENT_REQUESTED') set.supplement_requested_at = now;
  return commit(ctx, row, input.expectedVersion, to, input.action, set, ctx.identity, input.comment?.trim() || null, now);
}

/** The applicant answers a supplement request; the wait does not count against the department. */
export async function supplement(
  ctx: ApplicationsContext,
  input: { id: string; formData: unknown; expectedVersion: number; documents?: readonly DocumentInput[] | null },
): Promise<ChangeResult> {
  const row = await visible(ctx, input.id);
  if (row.applicant_id !== ctx.identity.userId) throw forbidden('Only the applicant may supplement an application.');
  if (row.version !== input.expectedVersion) return versionConflict(row);
  if (row.status !== 'SUPPLEMENT_REQUESTED') return invalidTransition(row, 'Supplementing', 'input.id');

  // The same form version the application was first checked against, asked of the procedures
  // subgraph before any transaction starts.
  const form = await formVersion(ctx.graph, row.procedure_id, row.form_version);
  if (!form) throw new Error(`form version ${row.form_version} of procedure ${row.procedure_id} is gone`);
  const problems = ctx.forms.validate(row.procedure_id, form.version, form.schema, input.formData, 'formData', ctx.language);
  const docs = await checkDocuments(ctx, row.applicant_id, input.documents ?? [], form.requiredDocuments, false);
  problems.push(...docs.problems);
  if (problems.length) return { application: row, userErrors: problems };

  const now = new Date();
  const calendar = await ctx.loaders.calendar.load(row.department_id);
  const dueAt = calendar.extendByPause(row.due_at, row.supplement_requested_at ?? now, now);
  const documents = docs.rows.map((d) => ({ ...d, application_id: row.id, stage: 'SUPPLEMENT' as const, attached_at: now, purged_at: null }));
  return commit(
    ctx,
    row,
    input.expectedVersion,
    'SUBMITTED',
    'SUPPLEMENT',
    { form_data: input.formData, due_at: dueAt, supplement_requested_at: null },
    ctx.identity,
    null,
    now,
    documents,
  );
}

/** The applicant withdraws an application that has not been decided yet. */
export async function withdraw(ctx: ApplicationsContext, input: { id: string; expectedVersion: number }): Promise<ChangeResult> {
  const row = await visible(ctx, input.id);
  if (row.applicant_id !== ctx.identity.userId) throw forbidden('Only the applicant may withdraw an application.');
  if (row.version !== input.expectedVersion) return versionConflict(row, 'expectedVersion');
  if (!WITHDRAWABLE.has(row.status)) return invalidTransition(row, 'Withdrawing', 'id');
  const now = new Date();
  return commit(ctx, row, input.expectedVersion, 'WITHDRAWN', 'WITHDRAW', { supplement_requested_at: null }, ctx.identity, null, now);
}
