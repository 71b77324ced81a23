import { createHash, randomUUID } from 'node:crypto';
import type { Generated, Kysely } from 'kysely';
import type { FileStore, NewFile, StoredFile } from '../../core/file-store';

interface FileTable {
  id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Generated<Date>;
  uploaded_by: string | null;
  private: Generated<boolean>;
}

const META = ['id', 'file_name', 'mime_type', 'size_bytes', 'sha256', 'created_at', 'uploaded_by', 'private'] as const;

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
        private: file.private ?? false,
      })
      .returning(META)
      .executeTakeFirstOrThrow();
    return toFile(row);
  }

  async head(id: string): Promise<StoredFile | null> {
    if (!UUID.test(id)) return null;
    const row = await this.db
      .selectFrom('files')
      .select(META)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toFile(row) : null;
  }

  async heads(ids: readonly string[]): Promise<StoredFile[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return [];
    const rows = await this.db.selectFrom('files').select(META).where('id', 'in', valid).execute();
    return rows.map(toFile);
  }

  async remove(ids: readonly string[]): Promise<number> {
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return 0;
    const r = await this.db.deleteFrom('files').where('id', 'in', valid).executeTakeFirst();
    return Number(r.numDeletedRows);
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

function toFile(row: Omit<FileTable, 'content' | 'created_at' | 'private'> & { created_at: Date; private: boolean }): StoredFile {
  return {
    id: row.id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    createdAt: row.created_at,
    uploadedBy: row.uploaded_by,
    private: row.private,
  };
}
