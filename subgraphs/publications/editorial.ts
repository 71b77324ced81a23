import { randomUUID } from 'node:crypto';
import slugify from '@sindresorhus/slugify';
import { forbidden, notFound, requireDepartmentStaff, requireRole, userError, type UserError } from '../kit/errors';
import { hasRole, type Identity } from '../kit/identity';
import {
  insertChange,
  insertPublication,
  replaceAttachments,
  setArchived,
  setPublished,
  takenSlugs,
  updateContent,
  type ContentChange,
  type NewAttachment,
} from './db/editorial.repository';
import { normalizeTopic, UUID } from './db/publications.repository';
import type { PublicationKind, PublicationRow } from './db/tables';
import type { PublicationsContext } from './loaders';

/**
 * The editorial workflow: DRAFT → SCHEDULED → PUBLISHED → ARCHIVED. Authorization first (anonymous
 * → UNAUTHENTICATED, anyone but an editor or admin → FORBIDDEN, an editor of another department →
 * FORBIDDEN), then validation into userErrors, then one transaction. Everything that asks another
 * store (the graph, the file store) happens before the transaction.
 */
export interface Payload {
  publication: PublicationRow | null;
  userErrors: UserError[];
}

interface Content {
  kind?: PublicationKind | null;
  title?: string | null;
  summary?: string | null;
  body?: string | null;
  topics?: string[] | null;
  attachmentIds?: string[] | null;
}
export interface CreateInput extends Content {
  departmentId: string;
  kind: PublicationKind;
  title: string;
}
export interface UpdateInput extends Content {
  id: string;
  changeNote?: string | null;
}

const LIMITS = { title: 200, summary: 500, body: 100_000, topics: 10, topic: 40, attachments: 20, note: 500, slug: 80 };
const failed = (...userErrors: UserError[]): Payload => ({ publication: null, userErrors });

/** Checks the content fields given, normalizing them; problems go to `errors`. */
function cleanContent(input: Content, errors: UserError[]): ContentChange {
  const out: ContentChange = {};
  if (input.kind != null) out.kind = input.kind;
  if (input.title != null) {
    out.title = input.title.trim();
    if (out.title.length === 0 || out.title.length > LIMITS.title)
      errors.push(userError('input.title', 'INVALID_TITLE', `Enter a title of 1 to ${LIMITS.title} characters.`));
  }
  if (input.summary != null) {
    out.summary = input.summary.trim();
    if (out.summary.length > LIMITS.summary)
      errors.push(userError('input.summary', 'TOO_LONG', `Keep the summary to ${LIMITS.summary} characters.`));
  }
  if (input.body != null) {
    out.body = input.body;
    if (out.body.length > LIMITS.body) errors.push(userError('input.body', 'TOO_LONG', `Keep the body to ${LIMITS.body} characters.`));
  }
  if (input.topics != null) {
    out.topics = [...new Set(input.topics.map(normalizeTopic))];
    if (out.topics.length > LIMITS.topics) errors.push(userError('input.topics', 'TOO_MANY', `Use at most ${LIMITS.topics} topics.`));
    out.topics.forEach((t, i) => {
      if (t.length === 0 || t.length > LIMITS.topic)
        errors.push(userError(`input.topics.${i}`, 'INVALID_TOPIC', `A topic has 1 to ${LIMITS.topic} characters.`));
    });
  }
  return out;
}

/** Looks up the files to attach in the file store; unknown ids become userErrors. */
async function resolveAttachments(ctx: PublicationsContext, ids: string[] | null | undefined, errors: UserError[]) {
  if (ids == null) return undefined;
  if (ids.length > LIMITS.attachments) {
    errors.push(userError('input.attachmentIds', 'TOO_MANY', `Attach at most ${LIMITS.attachments} files.`));
    return undefined;
  }
  const files = await Promise.all(ids.map((id) => ctx.files.head(id)));
  const found: NewAttachment[] = [];
  files.forEach((f, i) => {
    if (!f) errors.push(userError(`input.attachmentIds.${i}`, 'UNKNOWN_FILE', 'No uploaded file has this id. Upload it first.'));
    else found.push({ file_id: f.id, file_name: f.fileName, mime_type: f.mimeType, size_bytes: f.sizeBytes });
  });
  return found;
}

async function departmentExists(ctx: PublicationsContext, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const data = await ctx.graph.request<{ department: { id: string } | null }>('query($id: ID) { department(id: $id) { id } }', { id });
  return data.department !== null;
}

/** The slug of a title, made unique with a numeric suffix (`road-works-2`) when it is taken. */
export async function freeSlug(db: PublicationsContext['db'], title: string): Promise<string> {
  const base = slugify(title).slice(0, LIMITS.slug).replace(/-+$/, '') || 'publication';
  const taken = new Set(await takenSlugs(db, base));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

export async function createPublication(ctx: PublicationsContext, input: CreateInput): Promise<Payload> {
  const authorId = requireRole(ctx.identity, 'EDITOR', 'ADMIN');
  if (!hasRole(ctx.identity, 'ADMIN') && ctx.identity.departmentId !== input.departmentId) {
    throw forbidden('You may publish only for your own department.');
  }
  const errors: UserError[] = [];
  const content = cleanContent({ ...input, summary: input.summary ?? '', body: input.body ?? '', topics: input.topics ?? [] }, errors);
  const attachments = await resolveAttachments(ctx, input.attachmentIds, errors);
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
        departmentId: input.departmentId,
        authorId,
      });
      if (ok && attachments) await replaceAttachments(trx, id, attachments);
      return ok;
    });
    if (inserted) return { publication: await ctx.loaders.publication.clear(id).load(id), userErrors: [] };
  }
  throw new Error('could not find a free slug');
}

/** The publication to change, after checking the caller may change it. */
async function editable(ctx: PublicationsContext, id: string): Promise<PublicationRow> {
  requireRole(ctx.identity, 'EDITOR', 'ADMIN');
  const row = await ctx.loaders.publication.load(id);
  if (!row) throw notFound('Publication');
  requireDepartmentStaff(ctx.identity, 'EDITOR', row.department_id);
  return row;
}

const isLive = (row: PublicationRow) => row.is_public;
const ATTACHMENTS = 'attachments';

export async function updatePublication(ctx: PublicationsContext, input: UpdateInput): Promise<Payload> {
  const row = await editable(ctx, input.id);
  if (row.status === 'ARCHIVED') return failed(userError(null, 'INVALID_TRANSITION', 'An archived publication cannot be changed.'));
  const errors: UserError[] = [];
  const content = cleanContent(input, errors);
  const attachments = await resolveAttachments(ctx, input.attachmentIds, errors);
  const note = input.changeNote?.trim() ?? '';
  if (note.length > LIMITS.note) errors.push(userError('input.changeNote', 'TOO_LONG', `Keep the note to ${LIMITS.note} characters.`));
  if (errors.length) return failed(...errors);

  const changed = (Object.keys(content) as (keyof ContentChange)[]).filter(
    (k) => JSON.stringify(content[k]) !== JSON.stringify(row[k]),
  );
  const current = attachments ? await ctx.loaders.attachments.load(row.id) : [];
  const attachmentsChanged =
    attachments !== undefined && JSON.stringify(attachments.map((a) => a.file_id)) !== JSON.stringify(current.map((a) => a.file_id));
  const fields = [...changed, ...(attachmentsChanged ? [ATTACHMENTS] : [])];
  if (fields.length === 0) return { publication: row, userErrors: [] };

  await ctx.db.transaction().execute(async (trx) => {
    await updateContent(trx, row.id, Object.fromEntries(changed.map((k) => [k, content[k]])));
    if (attachmentsChanged) await replaceAttachments(trx, row.id, attachments!);
    // Readers of a published item see what was changed after they may have read it.
    if (isLive(row)) await insertChange(trx, row.id, ctx.identity.userId, fields, note || `Updated ${fields.join(', ')}.`);
  });
  ctx.loaders.attachments.clear(row.id);
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
  await setPublished(ctx.db, row.id, scheduleFor);
  return { publication: await ctx.loaders.publication.clear(row.id).load(row.id), userErrors: [] };
}

export async function archivePublication(ctx: PublicationsContext, id: string): Promise<Payload> {
  const row = await editable(ctx, id);
  if (row.status === 'ARCHIVED') return failed(userError(null, 'INVALID_TRANSITION', 'The publication is already archived.'));
  await setArchived(ctx.db, row.id);
  return { publication: await ctx.loaders.publication.clear(row.id).load(row.id), userErrors: [] };
}

/** Drafts, scheduled and archived items are for the department's staff, analysts and admins only. */
export function canRead(who: Identity, row: PublicationRow): boolean {
  if (row.is_public || hasRole(who, 'ADMIN', 'ANALYST')) return true;
  return hasRole(who, 'EDITOR', 'OFFICER') && who.departmentId === row.department_id;
}
