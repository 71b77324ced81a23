import type { FileStore } from '../../core/file-store';
import { userError, type UserError } from '../kit/errors';
import { isUuid } from './access';
import { findDocuments } from './db/documents.repository';
import type { Db, DocumentRow } from './db/tables';

/** What a citizen sends for each uploaded file: which one, and which required document it is. */
export interface DocumentInput {
  fileId: string;
  /** Position in the procedure's `requiredDocuments` (0-based); null or absent: an extra document. */
  requirement?: number | null;
}

export interface RequiredDocument {
  name: string;
  mandatory: boolean;
}

/** Types a supporting document may have; the gateway checked the content when it was uploaded. */
const DOCUMENT_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
export const MAX_DOCUMENTS = 20;
const FIELD = 'input.documents';

/**
 * Checks the documents a citizen attaches, before anything is stored: each must be a private file
 * the caller uploaded themself (a file id someone else uploaded is answered as if it did not
 * exist, so ids cannot be borrowed), not attached anywhere yet, naming a requirement the procedure
 * has. With `checklist`, every mandatory required document must be among them; each missing one is
 * a userError that names it. Returns the rows to insert (without application and stage) or the problems.
 */
export async function checkDocuments(
  deps: { db: Db; files: FileStore },
  callerId: string,
  inputs: readonly DocumentInput[],
  required: readonly RequiredDocument[],
  checklist: boolean,
): Promise<{ rows: Omit<DocumentRow, 'application_id' | 'stage' | 'attached_at' | 'purged_at'>[]; problems: UserError[] }> {
  const problems: UserError[] = [];
  if (inputs.length > MAX_DOCUMENTS) {
    return { rows: [], problems: [userError(FIELD, 'TOO_MANY_DOCUMENTS', `Attach at most ${MAX_DOCUMENTS} documents.`, { max: MAX_DOCUMENTS })] };
  }
  const ids = inputs.map((d) => d.fileId).filter(isUuid);
  const [files, attached] = ids.length ? await Promise.all([deps.files.heads(ids), findDocuments(deps.db, ids)]) : [[], []];
  const fileById = new Map(files.map((f) => [f.id, f]));
  const taken = new Set(attached.map((d) => d.file_id));
  const seen = new Set<string>();
  const rows: Awaited<ReturnType<typeof checkDocuments>>['rows'] = [];

  inputs.forEach((input, i) => {
    const field = `${FIELD}.${i}`;
    const file = fileById.get(input.fileId);
    if (!file || !file.private || file.uploadedBy !== callerId) {
      return problems.push(userError(`${field}.fileId`, 'UNKNOWN_DOCUMENT', 'This document was not found. Upload it again.'));
    }
    if (seen.has(file.id)) return problems.push(userError(`${field}.fileId`, 'DUPLICATE_DOCUMENT', `“${file.fileName}” is attached twice.`, { name: file.fileName }));
    seen.add(file.id);
    if (taken.has(file.id)) {
      return problems.push(userError(`${field}.fileId`, 'DOCUMENT_ALREADY_ATTACHED', `“${file.fileName}” is already attached to an application. Upload it again to attach it here too.`, { name: file.fileName }));
    }
    if (!DOCUMENT_TYPES.has(file.mimeType)) {
      return problems.push(userError(`${field}.fileId`, 'INVALID_DOCUMENT_TYPE', 'Attach a PDF, JPEG or PNG file.'));
    }
    const index = input.requirement ?? null;
    if (index !== null && !(Number.isInteger(index) && index >= 0 && index < required.length)) {
      return problems.push(userError(`${field}.requirement`, 'UNKNOWN_REQUIREMENT', 'This procedure has no such required document.'));
    }
    rows.push({
      file_id: file.id,
      requirement_index: index,
      requirement: index === null ? null : required[index].name,
      file_name: file.fileName,
      mime_type: file.mimeType,
      size_bytes: file.sizeBytes,
      uploaded_by: callerId,
      position: i,
    });
  });

  if (checklist) {
    const provided = new Set(inputs.map((d) => d.requirement));
    required.forEach((doc, index) => {
      if (doc.mandatory && !provided.has(index)) {
        problems.push(userError(FIELD, 'DOCUMENT_MISSING', `Attach “${doc.name}”: this procedure requires it.`, { name: doc.name }));
      }
    });
  }
  return { rows: problems.length ? [] : rows, problems };
}

/** The key that keeps a file to one application (migration 0005). */
export const DOCUMENT_KEY = 'supporting_documents_pkey';

/** A concurrent request attached the same file first: the loser is told so, nothing is stored. */
export const attachedMeanwhile = () =>
  userError(FIELD, 'DOCUMENT_ALREADY_ATTACHED', 'One of these documents was attached to an application meanwhile. Upload it again to attach it here too.');
