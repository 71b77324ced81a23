import type { FileStore } from '../../core/file-store';
import { userError, type UserError } from '../kit/errors';
import type { FormRow } from './db/tables';

/** What staff send for a procedure (create and update share it; update leaves out what stays). */
export interface ProcedureFields {
  title?: string | null;
  summary?: string | null;
  category?: string | null;
  eligibility?: string | null;
  legalBasis?: string | null;
  processingTimeDays?: number | null;
  channels?: string[] | null;
  steps?: { title: string; description: string }[] | null;
  requiredDocuments?: { name: string; description: string; mandatory: boolean }[] | null;
  fees?: { description: string; amount: string; currency: string }[] | null;
  faqs?: { question: string; answer: string }[] | null;
  forms?: { fileId: string; title: string }[] | null;
}

export const CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const AMOUNT = /^\d{1,10}(?:\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every problem with the input at once, one userError per field (`input.steps.2.title`).
 * `creating`: the texts a new procedure cannot do without are required, not just non-empty.
 */
export function checkProcedureFields(input: ProcedureFields, creating: boolean): UserError[] {
  const errors: UserError[] = [];
  const text = (field: string, value: string | null | undefined, max: number, required: boolean) => {
    if (value == null) {
      if (required) errors.push(userError(`input.${field}`, 'REQUIRED', 'This field is required.'));
    } else if (required && value.trim() === '') errors.push(userError(`input.${field}`, 'REQUIRED', 'This field cannot be empty.'));
    else if (value.length > max) errors.push(userError(`input.${field}`, 'TOO_LONG', `At most ${max} characters.`));
  };
  text('title', input.title, 200, creating || input.title != null);
  text('summary', input.summary, 1000, creating || input.summary != null);
  text('category', input.category, 100, creating || input.category != null);
  text('eligibility', input.eligibility, 5000, false);
  text('legalBasis', input.legalBasis, 1000, false);
  const days = input.processingTimeDays;
  if (days != null && (days < 0 || days > 365)) errors.push(userError('input.processingTimeDays', 'OUT_OF_RANGE', 'Between 0 and 365 working days.'));
  if (input.channels != null && input.channels.length === 0) errors.push(userError('input.channels', 'REQUIRED', 'Give at least one channel.'));

  const each = <T>(list: T[] | null | undefined, name: string, check: (item: T, path: string) => void) =>
    list?.forEach((item, i) => check(item, `input.${name}.${i}`));
  const nonEmpty = (path: string, value: string, max: number) => {
    if (value.trim() === '') errors.push(userError(path, 'REQUIRED', 'This field cannot be empty.'));
    else if (value.length > max) errors.push(userError(path, 'TOO_LONG', `At most ${max} characters.`));
  };
  each(input.steps, 'steps', (s, p) => { nonEmpty(`${p}.title`, s.title, 200); nonEmpty(`${p}.description`, s.description, 5000); });
  each(input.requiredDocuments, 'requiredDocuments', (d, p) => { 
    nonEmpty(`${p}.name`, d.name, 200);
    if (d.description.length > 2000) errors.push(userError(`${p}.description`, 'TOO_LONG', 'At most 2000 characters.'));
  });
  each(input.fees, 'fees', (f, p) => {
    nonEmpty(`${p}.description`, f.description, 200);
    if (!AMOUNT.test(f.amount)) errors.push(userError(`${p}.amount`, 'INVALID_AMOUNT', 'A decimal amount with at most two decimals, like 45.00.'));
    if (!CURRENCY.test(f.currency)) errors.push(userError(`${p}.currency`, 'INVALID_CURRENCY', 'A three-letter ISO 4217 code, like EUR.'));
  });
  each(input.faqs, 'faqs', (f, p) => { nonEmpty(`${p}.question`, f.question, 500); nonEmpty(`${p}.answer`, f.answer, 5000); });
  const seen = new Set<string>();
  each(input.forms, 'forms', (f, p) => {
    nonEmpty(`${p}.title`, f.title, 200);
    if (seen.has(f.fileId)) errors.push(userError(`${p}.fileId`, 'DUPLICATE_FILE', 'This file is attached twice.'));
    seen.add(f.fileId);
  });
  return errors;
}

/**
 * The attached forms with the stored files' metadata, copied now (stored files never change).
 * Asks the file store, so it runs before any transaction.
 */
export async function resolveForms(
  files: FileStore,
  forms: { fileId: string; title: string }[],
): Promise<{ rows: Omit<FormRow, 'procedure_id' | 'position'>[]; errors: UserError[] }> {
  const rows: Omit<FormRow, 'procedure_id' | 'position'>[] = [];
  const errors: UserError[] = [];
  for (const [i, f] of forms.entries()) {
    const file = UUID.test(f.fileId) ? await files.head(f.fileId) : null;
    if (!file) {
      errors.push(userError(`input.forms.${i}.fileId`, 'UNKNOWN_FILE', 'No uploaded file has this id; upload it with POST /files first.'));
      continue;
    }
    rows.push({ file_id: file.id, title: f.title.trim(), file_name: file.fileName, mime_type: file.mimeType, size_bytes: file.sizeBytes, sha256: file.sha256 });
  }
  return { rows, errors };
}
