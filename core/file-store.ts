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
  /**
   * A citizen's supporting document: never served by `/files/<id>`, only by `/documents/<id>` to
   * those the applications subgraph says may read it.
   */
  private: boolean;
}

export interface NewFile {
  fileName: string;
  mimeType: string;
  content: Buffer;
  uploadedBy?: string | null;
  /** A stable id for demo data; random otherwise. */
  id?: string;
  /** See StoredFile.private; false by default. */
  private?: boolean;
}

export interface FileStore {
  put(file: NewFile): Promise<StoredFile>;
  /** Metadata only, or null. */
  head(id: string): Promise<StoredFile | null>;
  /** Metadata of several files in one lookup; ids that match nothing are left out. */
  heads(ids: readonly string[]): Promise<StoredFile[]>;
  /** Deletes the files (content and metadata) for good; returns how many there were. */
  remove(ids: readonly string[]): Promise<number>;
  /** Bytes `start..end` inclusive (the whole file when omitted), or null when there is no such file. */
  read(id: string, range?: { start: number; end: number }): Promise<Buffer | null>;
}
