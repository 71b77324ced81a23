import { userError, type UserError } from '../kit/errors';
import { announceDue } from './announcements';
import { hasRole } from '../../core/identity';
import { insertChange, setPublished, setSupersededBy, withdraw, type NewChange } from './db/editorial.repository';
import type { PublicationRow } from './db/tables';
import { editable, isLive, type Payload } from './editorial';
import { LIMITS } from './editorial-input';
import type { PublicationsContext } from './loaders';

/**
 * The steps of the editorial workflow after writing: publish (now or scheduled), unpublish (back to
 * a draft), archive (for good), supersede. Each is checked like an edit (editorial.ts `editable`),
 * written in one transaction with its history entry and audit record.
 *
 * Unpublish and archive are distinct on purpose: unpublishing takes an item back to DRAFT so it can
 * be corrected and published again (a wrong date, a missing annex); archiving withdraws it for good
 * and freezes it for the record. Either way an item that was public keeps its address: while it is
 * not public `withdrawnPublication(slug)` says when it was withdrawn and what replaces it, instead of
 * the address reading like one that never existed.
 */
const failed = (...userErrors: UserError[]): Payload => ({ publication: null, userErrors });

function noteOf(changeNote: string | null | undefined, fallback: string): { note: string } | UserError {
  const note = changeNote?.trim() ?? '';
  if (note.length > LIMITS.note) return userError('changeNote', 'TOO_LONG', `Keep the note to ${LIMITS.note} characters.`, { max: LIMITS.note });
  return { note: note || fallback };
}

/** Applies one step and its history entry in a transaction, then answers the item as it now is. */
async function step(ctx: PublicationsContext, row: PublicationRow, write: (trx: PublicationsContext['db']) => Promise<void>, change: Omit<NewChange, 'by'>): Promise<Payload> {
  await ctx.db.transaction().execute(async (trx) => {
    await write(trx);
    await insertChange(trx, row.id, { ...change, by: ctx.identity.userId });
    await ctx.audit.record(trx, { target: row.id });
  });
  ctx.loaders.history.clear(row.id);
  return { publication: await ctx.loaders.publication.clear(row.id).load(row.id), userErrors: [] };
}

export async function publishPublication(ctx: PublicationsContext, id: string, at: Date | null | undefined): Promise<Payload> {
  const row = await editable(ctx, id);
  if (row.status === 'ARCHIVED' || isLive(row)) {
    return failed(userError(null, 'INVALID_TRANSITION', `A ${isLive(row) ? 'published' : 'archived'} publication cannot be published again.`));
  }
  // A time not in the future means now; the database clock stamps it, the same clock that decides visibility.
  const scheduleFor = at && at.getTime() > Date.now() ? at : null;
  const publish = async (trx: PublicationsContext['db']) => {
    await setPublished(trx, row.id, scheduleFor);
    // Public now: announced in this transaction (a scheduled item is, when its moment comes, by the job).
    if (!scheduleFor) await announceDue(trx, ctx.events);
  };
  return step(ctx, row, publish, scheduleFor
    ? { action: 'SCHEDULED', note: `Scheduled for ${scheduleFor.toISOString()}.` }
    : { action: 'PUBLISHED', note: 'Published.' });
}

export async function unpublishPublication(ctx: PublicationsContext, id: string, changeNote?: string | null): Promise<Payload> {
  const row = await editable(ctx, id);
  if (row.status !== 'PUBLISHED' && row.status !== 'SCHEDULED') {
    return failed(userError(null, 'INVALID_TRANSITION', 'Only a published or scheduled publication can be unpublished.'));
  }
  const note = noteOf(changeNote, isLive(row) ? 'Unpublished.' : 'Schedule cancelled.');
  if (!('note' in note)) return failed(note);
  return step(ctx, row, (trx) => withdraw(trx, row.id, 'DRAFT'), { action: 'UNPUBLISHED', note: note.note });
}

export async function archivePublication(ctx: PublicationsContext, id: string, changeNote?: string | null): Promise<Payload> {
  const row = await editable(ctx, id);
  if (row.status === 'ARCHIVED') return failed(userError(null, 'INVALID_TRANSITION', 'The publication is already archived.'));
  const note = noteOf(changeNote, 'Archived.');
  if (!('note' in note)) return failed(note);
  return step(ctx, row, (trx) => withdraw(trx, row.id, 'ARCHIVED'), { action: 'ARCHIVED', note: note.note });
}

export async function supersedePublication(ctx: PublicationsContext, id: string, successorId: string, changeNote?: string | null): Promise<Payload> {
  const row = await editable(ctx, id);
  if (!isLive(row)) return failed(userError(null, 'INVALID_TRANSITION', 'Only a public publication can be superseded.'));
  if (row.superseded_by) return failed(userError(null, 'ALREADY_SUPERSEDED', 'This publication is already superseded.'));
  const successor = successorId === row.id ? null : await ctx.loaders.publication.load(successorId);
  // Another department's item is not a successor this editor may name (and its drafts are not to be probed).
  const sameDepartment = successor && (successor.department_id === row.department_id || hasRole(ctx.identity, 'ADMIN'));
  if (!successor || !sameDepartment) return failed(userError('successorId', 'UNKNOWN_PUBLICATION', 'There is no publication of this department with this id.'));
  // A successor that is itself replaced would make a chain or a loop: name the newest one instead.
  if (successor.superseded_by) return failed(userError('successorId', 'ALREADY_SUPERSEDED', 'That publication is itself superseded.'));
  if (successor.status !== 'PUBLISHED' && successor.status !== 'SCHEDULED') {
    return failed(userError('successorId', 'SUCCESSOR_NOT_PUBLISHED', 'Publish or schedule the new publication first.'));
  }
  const note = noteOf(changeNote, `Superseded by “${successor.title}”.`);
  if (!('note' in note)) return failed(note);
  return step(ctx, row, (trx) => setSupersededBy(trx, row.id, successor.id), { action: 'SUPERSEDED', note: note.note, public: true });
}
