import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Language } from '../../kit/language';
import { isPublic } from './publications.repository';
import type { AttachmentTable, Db, PublicationAction, PublicationKind, PublicationStatus, PublicationTable } from './tables';

/** Writing publications. Every function takes a transaction (or db) first and runs plain SQL only. */

export interface NewPublication {
  id: string;
  slug: string;
  kind: PublicationKind;
  title: string;
  summary: string;
  body: string;
  /** The language title, summary and body are written in; English when omitted. */
  language?: Language;
  /** The other language's text; absent while untranslated. */
  translations?: PublicationTable['translations'];
  topics: string[];
  departmentId: string;
  authorId: string | null;
  status?: PublicationStatus;
  publishedAt?: Date | null;
  createdAt?: Date;
}

/** Slugs already taken by `base` or `base-<n>`, to choose the next free suffix. */
export async function takenSlugs(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('publications')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.slug);
}

/** Inserts a publication; false when its slug was taken meanwhile (the unique index decides). */
export async function insertPublication(db: Db, p: NewPublication): Promise<boolean> {
  const row = await db
    .insertInto('publications')
    .values({
      id: p.id,
      slug: p.slug,
      kind: p.kind,
      status: p.status ?? 'DRAFT',
      title: p.title,
      summary: p.summary,
      body: p.body,
      language: p.language ?? 'en',
      translations: JSON.stringify(p.translations ?? {}) as never,
      topics: p.topics,
      department_id: p.departmentId,
      author_id: p.authorId,
      published_at: p.publishedAt ?? null,
      ...(p.createdAt ? { created_at: p.createdAt, updated_at: p.createdAt } : {}),
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

export interface ContentChange {
  kind?: PublicationKind;
  title?: string;
  summary?: string;
  body?: string;
  topics?: string[];
  language?: Language;
  translations?: PublicationTable['translations'];
  /** Not a column: the attachments' names in other languages, by position (editorial-input.ts). */
  attachmentNames?: Partial<Record<Language, string[]>>;
}

export async function updateContent(db: Db, id: string, change: Omit<ContentChange, 'attachmentNames'>): Promise<void> {
  const { translations, ...columns } = change;
  await db
    .updateTable('publications')
    .set({ ...columns, ...(translations ? { translations: JSON.stringify(translations) as never } : {}), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Publishes now (publishedAt null: the database clock) or schedules for a later instant. */
export async function setPublished(db: Db, id: string, at: Date | null): Promise<void> {
  await db
    .updateTable('publications')
    .set({
      status: at ? 'SCHEDULED' : 'PUBLISHED',
      published_at: at ?? sql<Date>`now()`,
      // Public again (or about to be): its address no longer reads as withdrawn.
      withdrawn_at: null,
      // Announced when it becomes public (announcements.ts), also when published again after an unpublish.
      announced_at: null,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** The moment an item leaves the public, decided by the same clock and rule as every read. */
const withdrawnNow = sql<Date | null>`case when ${isPublic} then now() else withdrawn_at end`;

/**
 * Takes an item out of the public: `ARCHIVED` for good, or back to `DRAFT` (unpublished, or a
 * schedule cancelled; `published_at` is set again when it is republished).
 */
export async function withdraw(db: Db, id: string, status: 'ARCHIVED' | 'DRAFT'): Promise<void> {
  await db
    .updateTable('publications')
    .set({ status, withdrawn_at: withdrawnNow, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function setSupersededBy(db: Db, id: string, successorId: string): Promise<void> {
  await db.updateTable('publications').set({ superseded_by: successorId, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export type NewAttachment = Omit<AttachmentTable, 'publication_id' | 'position'>;

export async function replaceAttachments(db: Db, publicationId: string, files: NewAttachment[]): Promise<void> {
  await db.deleteFrom('publication_attachments').where('publication_id', '=', publicationId).execute();
  if (files.length === 0) return;
  await db
    .insertInto('publication_attachments')
    .values(files.map((f, position) => ({ ...f, translations: JSON.stringify(f.translations ?? {}) as never, publication_id: publicationId, position })))
    .execute();
}

export interface NewChange {
  action: PublicationAction;
  by: string | null;
  fields?: string[];
  note: string;
  /** Shown to readers (a change to a live item); staff see every entry. */
  public?: boolean;
}

export async function insertChange(db: Db, publicationId: string, change: NewChange): Promise<void> {
  await db
    .insertInto('publication_changes')
    .values({
      id: randomUUID(),
      publication_id: publicationId,
      changed_by: change.by,
      fields: change.fields ?? [],
      note: change.note,
      action: change.action,
      public: change.public ?? false,
    })
    .execute();
}
