import type { FileStore } from '../../core/file-store';
import { findExpired, markPurged } from './db/documents.repository';
import type { Db } from './db/tables';

/**
 * How long supporting documents are kept once an application has ended, in days since it entered
 * that final state (its last history event):
 *
 * - WITHDRAWN: 30 days. The citizen gave up the application; a month lets a mistaken withdrawal
 *   be sorted out, then the personal documents go.
 * - COMPLETED, REJECTED, DENIED: 365 days: the period in which the decision can be appealed and
 *   the department must be able to show what it decided on.
 *
 * Then the file's bytes are deleted from the file store; the application keeps a record that the
 * document existed (name, type, size, `purgedAt`) without its content. Open applications keep
 * their documents.
 */
export const RETENTION_DAYS = { WITHDRAWN: 30, COMPLETED: 365, REJECTED: 365, DENIED: 365 } as const;

/** How often the applications subgraph runs the purge. */
export const PURGE_EVERY_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the documents whose retention is over, a batch at a time, and returns how many. Safe to
 * run in several replicas at once: removing a removed file and marking a marked row change nothing.
 */
export async function purgeExpiredDocuments(db: Db, files: FileStore, now = new Date(), batch = 200): Promise<number> {
  const cutoffs = Object.entries(RETENTION_DAYS).map(([status, days]) => ({ status, before: new Date(now.getTime() - days * DAY_MS) }));
  let purged = 0;
  for (;;) {
    const expired = await findExpired(db, cutoffs, batch);
    if (!expired.length) return purged;
    const ids = expired.map((d) => d.file_id);
    // Bytes first: if marking fails, the next run finds them again and marks them.
    await files.remove(ids);
    await markPurged(db, ids, now);
    purged += ids.length;
    if (expired.length < batch) return purged;
  }
}
