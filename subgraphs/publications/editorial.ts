import { randomUUID } from 'node:crypto';
import { forbidden, notFound, requireDepartmentStaff, requireRole, userError, type UserError } from '../kit/errors';
import { hasRole } from '../../core/identity';
import { insertChange, insertPublication, replaceAttachments, updateContent } from './db/editorial.repository';
import type { PublicationRow } from './db/tables';
import {
  cleanContent,
  departmentExists,
  freeSlug,
  LIMITS,
  nameAttachments,
  namesOf,
  resolveAttachments,
  type CreateInput,
  type UpdateInput,
} from './editorial-input';
import type { PublicationsContext } from './loaders';

/**
 * The editorial workflow: DRAFT → SCHEDULED → PUBLISHED → ARCHIVED. Authorization first (anonymous
 * → UNAUTHENTICATED, anyone but an editor or admin → FORBIDDEN, an editor of another department →
 * FORBIDDEN), then validation into userErrors, then one transaction, which also writes the audit
 * entry of a staff caller's change (kit/audit.ts). Everything that asks another store (the graph,
 * the file store) happens before the transaction.
 */
export interface Payload {
  publication: PublicationRow | null;
  userErrors: UserError[];
}
export type { CreateInput, UpdateInput };

const failed = (...userErrors: UserError[]): Payload => ({ publication: null, userErrors });

export async function createPublication(ctx: PublicationsContext, input: CreateInput): Promise<Payload> {
  const authorId = requireRole(ctx.identity, 'EDITOR', 'ADMIN');
  if (!hasRole(ctx.identity, 'ADMIN') && ctx.identity.departmentId !== input.departmentId) {
    throw forbidden('You may publish only for your own department.');
  }
  const errors: UserError[] = [];
  const content = cleanContent({ ...input, summary: input.summary ?? '', body: input.body ?? '', topics: input.topics ?? [] }, errors);
  const files = await resolveAttachments(ctx, input.attachmentIds, errors);
  const attachments = files && nameAttachments(files, content.attachmentNames ?? {});
  if (!(await departmentExists(ctx, input.departmentId)))
    errors.push(userError('input.departmentId', 'UNKNOWN_DEPARTMENT', 'There is no department with this id.'));
  if (errors.length) return failed(...errors);

  const id = randomUUID();
  // Two editors may pick the same title at once: the unique index decides and the loser tries the next suffix.
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await ctx.db.transaction().execute(async (trx) => {
      const slug = await freeSlug(trx, content.title!);
      const ok = await insertPublication(trx, {
        id,
        slug,
        kind: input.kind,
        title: content.title!,
        summary: content.summary!,
        body: content.body!,
        topics: content.topics!,
        language: content.language,
        translations: content.translations,
        departmentId: input.departmentId,
        authorId,
      });
      if (ok && attachments) await replaceAttachments(trx, id, attachments);
      if (ok) await insertChange(trx, id, { action: 'CREATED', by: authorId, note: 'Drafted.' });
      if (ok) await ctx.audit.record(trx, { target: id });
      return ok;
    });
    if (inserted) return { publication: await ctx.loaders.publication.clear(id).load(id), userErrors: [] };
  }
  throw new Error('could not find a free slug');
}

/** The publication to change, after checking the caller may change it. */
export async function editable(ctx: PublicationsContext, id: string): Promise<PublicationRow> {
  ctx.audit.actingOn(id);
  requireRole(ctx.identity, 'EDITOR', 'ADMIN');
  const row = await ctx.loaders.publication.load(id);
  // Another department's unpublished item is not there for this editor, exactly like an id that
  // does not exist: drafts cannot be probed. A published one is public, so refusing says nothing.
  const ownOrAdmin = hasRole(ctx.identity, 'ADMIN') || ctx.identity.departmentId === row?.department_id;
  if (!row || (!ownOrAdmin && !row.is_public)) throw notFound('Publication');
  requireDepartmentStaff(ctx.identity, 'EDITOR', row.department_id);
  return row;
}

export const isLive = (row: PublicationRow) => row.is_public;
const ATTACHMENTS = 'attachments';

export async function updatePublication(ctx: PublicationsContext, input: UpdateInput): Promise<Payload> {
  const row = await editable(ctx, input.id);
  if (row.status === 'ARCHIVED') return failed(userError(null, 'INVALID_TRANSITION', 'An archived publication cannot be changed.'));
  const errors: UserError[] = [];
  const content = cleanContent(input, errors, row.language);
  const files = await resolveAttachments(ctx, input.attachmentIds, errors);
  const note = input.changeNote?.trim() ?? '';
  if (note.length > LIMITS.note) errors.push(userError('input.changeNote', 'TOO_LONG', `Keep the note to ${LIMITS.note} characters.`, { max: LIMITS.note }));
  if (errors.length) return failed(...errors);

  const { attachmentNames, ...columns } = content;
  const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter(
    (k) => JSON.stringify(columns[k]) !== JSON.stringify(row[k]),
  );
  const current = files || attachmentNames ? await ctx.loaders.attachments.load(row.id) : [];
  // New names for the attachments it keeps are written with them.
  const attachments = files || attachmentNames ? nameAttachments(files ?? current, attachmentNames ?? namesOf(current)) : undefined;
  const attachmentsChanged =
    attachments !== undefined &&
    JSON.stringify(attachments.map((a) => [a.file_id, a.translations])) !== JSON.stringify(current.map((a) => [a.file_id, a.translations ?? {}]));
  const fields = [...changed, ...(attachmentsChanged ? [ATTACHMENTS] : [])];
  if (fields.length === 0) {
    await ctx.audit.record(ctx.db, { target: row.id });
    return { publication: row, userErrors: [] };
  }

  await ctx.db.transaction().execute(async (trx) => {
    await updateContent(trx, row.id, Object.fromEntries(changed.map((k) => [k, columns[k]])));
    if (attachmentsChanged) await replaceAttachments(trx, row.id, attachments!);
    // Readers of a published item see what was changed after they may have read it; staff see every edit.
    await insertChange(trx, row.id, { action: 'EDITED', by: ctx.identity.userId, fields, note: note || `Updated ${fields.join(', ')}.`, public: isLive(row) });
    await ctx.audit.record(trx, { target: row.id });
  });
  ctx.loaders.attachments.clear(row.id);
  ctx.loaders.history.clear(row.id);
  return { publication: await ctx.loaders.publication.clear(row.id).load(row.id), userErrors: [] };
}
