import { createHash, randomUUID } from 'node:crypto';
import type { Generated, Kysely } from 'kysely';

/**
 * The platform's file store: forms that procedures offer for download, attachments of
 * publications. One small interface, so an object store can replace the PostgreSQL one; by
 * default files live in PostgreSQL (schema `files`), so a database backup is a backup of everything.
 */
export interface StoredFile {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the content; also the HTTP ETag. */
  sha256: string;
  createdAt: Date;
  uploadedBy: string | null;
}

export interface NewFile {
  fileName: string;
  mimeType: string;
  content: Buffer;
  uploadedBy?: string | null;
  /** A stable id for demo data; random otherwise. */
  id?: string;
}

export interface FileStore {
  put(file: NewFile): Promise<StoredFile>;
  /** Metadata only, or null. */
  head(id: string): Promise<StoredFile | null>;
  /** Bytes `start..end` inclusive (the whole file when omitted), or null when there is no such file. */
  read(id: string, range?: { start: number; end: number }): Promise<Buffer | null>;
}

interface FileTable {
  id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Generated<Date>;
  uploaded_by: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PostgresFileStore implements FileStore {
  constructor(private readonly db: Kysely<{ files: FileTable }>) {}

  async put(file: NewFile): Promise<StoredFile> {
    const row = await this.db
      .insertInto('files')
      .values({
        id: file.id ?? randomUUID(),
        file_name: file.fileName,
        mime_type: file.mimeType,
        size_bytes: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        content: file.content,
        uploaded_by: file.uploadedBy ?? null,
      })
      .returning(['id', 'file_name', 'mime_type', 'size_bytes', 'sha256', 'created_at', 'uploaded_by'])
      .executeTakeFirstOrThrow();
    return toFile(row);
  }

  async head(id: string): Promise<StoredFile | null> {
    if (!UUID.test(id)) return null;
    const row = await this.db
      .selectFrom('files')
      .select(['id', 'file_name', 'mime_type', 'size_bytes', 'sha256', 'created_at', 'uploaded_by'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toFile(row) : null;
  }

  async read(id: string, range?: { start: number; end: number }): Promise<Buffer | null> {
    if (!UUID.test(id)) return null;
    // substring() on bytea is 1-based; only the requested bytes leave the database.
    const q = this.db.selectFrom('files').where('id', '=', id);
    const row = range
      ? await q
          .select((eb) => eb.fn<Buffer>('substring', [eb.ref('content'), eb.val(range.start + 1), eb.val(range.end - range.start + 1)]).as('content'))
          .executeTakeFirst()
      : await q.select('content').executeTakeFirst();
    return row ? row.content : null;
  }
}

function toFile(row: Omit<FileTable, 'content' | 'created_at'> & { created_at: Date }): StoredFile {
  return {
    id: row.id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: row.created_at,
    uploadedBy: row.uploaded_by,
  };
}
