import type { EventOutboxTable } from '../../kit/event-outbox';
import type { Generated, Kysely } from 'kysely';
import type { Language, Translations } from '../../kit/language';

/** The publications subgraph's tables, in its own `publications` schema. */
export interface PublicationTable {
  id: string;
  slug: string;
  kind: PublicationKind;
  status: PublicationStatus;
  title: string;
  summary: string;
  body: string;
  /** The language title, summary and body are written in. */
  language: Language;
  /** The other language's text, absent while untranslated (subgraphs/kit/language.ts). */
  translations: Translations<'title' | 'summary' | 'body'>;
  topics: string[];
  department_id: string;
  author_id: string | null;
  published_at: Date | null;
  /** When `publication.published` was emitted for it (migration 0007); null while still to announce. */
  announced_at?: Date | null;
  /** When an item that was public stopped being so (unpublished or archived); null otherwise (migration 0008). */
  withdrawn_at: Date | null;
  /** The publication that replaces this one (migration 0008). */
  superseded_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AttachmentTable {
  publication_id: string;
  position: number;
  file_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  /** The file's name to show in the other language (`{"zh": {"fileName": "…"}}`). */
  translations?: Translations<'fileName'>;
}

export interface ChangeTable {
  id: string;
  publication_id: string;
  changed_at: Generated<Date>;
  changed_by: string | null;
  fields: string[];
  note: string;
  /** What was done (migration 0008); EDITED for the changes recorded before. */
  action: Generated<PublicationAction>;
  /** Shown to readers in `Publication.history` (a change to a live item); otherwise only to staff. */
  public: Generated<boolean>;
}

/** Listed (PUBLISHED or SCHEDULED) items per department and kind, kept by a trigger (migration 0006). */
export interface ListedCountTable {
  department_id: string;
  kind: string;
  listed: number;
}

export interface PublicationsDB {
  /** Events written in the transaction of their change (kit/event-outbox.ts). */
  event_outbox: EventOutboxTable;
  publications: PublicationTable;
  listed_counts: ListedCountTable;
  publication_attachments: AttachmentTable;
  publication_changes: ChangeTable;
}

export type Db = Kysely<PublicationsDB>;

export const KINDS = ['NEWS', 'ANNOUNCEMENT', 'POLICY', 'NOTICE'] as const;
export type PublicationKind = (typeof KINDS)[number];
export type PublicationStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHED' | 'ARCHIVED';
export type PublicationAction = 'CREATED' | 'EDITED' | 'SCHEDULED' | 'PUBLISHED' | 'UNPUBLISHED' | 'ARCHIVED' | 'SUPERSEDED';

/** A publication as read: `is_public` is computed in SQL at read time, so a scheduled item turns public by itself. */
export type PublicationRow = Omit<PublicationTable, 'created_at' | 'updated_at'> & {
  created_at: Date;
  updated_at: Date;
  is_public: boolean;
};
/** An attachment as resolved: with the language of its publication, which its name is written in. */
export type AttachmentRow = AttachmentTable & { language: Language };
export type ChangeRow = Omit<ChangeTable, 'changed_at' | 'action' | 'public'> & { changed_at: Date; action: PublicationAction; public: boolean };
