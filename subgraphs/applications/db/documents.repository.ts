import type { Db, DocumentRow } from './tables';

/** The documents of many applications in one statement, in the order they were attached. */
export function findDocumentsOf(db: Db, applicationIds: readonly string[]): Promise<DocumentRow[]> {
  return db
    .selectFrom('supporting_documents')
    .selectAll()
    .where('application_id', 'in', [...applicationIds])
    .orderBy('application_id')
    .orderBy('attached_at')
    .orderBy('position')
    .execute();
}

/** Documents by their file ids (one statement for a batch). */
export function findDocuments(db: Db, fileIds: readonly string[]): Promise<DocumentRow[]> {
  return db.selectFrom('supporting_documents').selectAll().where('file_id', 'in', [...fileIds]).execute();
}

export async function insertDocuments(db: Db, rows: DocumentRow[]): Promise<void> {
  if (rows.length) await db.insertInto('supporting_documents').values(rows).execute();
}

/**
 * Documents whose retention is over (documents.retention.ts): of applications that have been in
 * one of `rules`' final states since before that state's cutoff. The state's start is its history
 * event (the last one); a page at a time, oldest first.
 */
export function findExpired(db: Db, cutoffs: { status: string; before: Date }[], limit: number): Promise<{ file_id: string }[]> {
  return db
    .selectFrom('supporting_documents as d')
    .innerJoin('applications as a', 'a.id', 'd.application_id')
    .select('d.file_id')
    .where('d.purged_at', 'is', null)
    .where((eb) =>
      eb.or(
        cutoffs.map((c) =>
          eb.and([
            eb('a.status', '=', c.status as never),
            eb(
              eb.selectFrom('application_history as h').select((h) => h.fn.max('h.at').as('at')).whereRef('h.application_id', '=', 'a.id'),
              '<',
              c.before,
            ),
          ]),
        ),
      ),
    )
    .orderBy('d.attached_at')
    .limit(limit)
    .execute();
}

export async function markPurged(db: Db, fileIds: string[], at: Date): Promise<void> {
  if (fileIds.length) await db.updateTable('supporting_documents').set({ purged_at: at }).where('file_id', 'in', fileIds).execute();
}
