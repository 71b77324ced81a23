import type { FileStore } from '../../core/file-store';
import { userError, type UserError } from '../kit/errors';
import type { FormRow } from './db/tables';
import type { GraphLanguage, Language } from '../kit/language';
import { cleanTranslations, PART_TEXT, PROCEDURE_TEXT, type TextTranslation } from './translation-input';

/** What staff send for a procedure (create and update share it; update leaves out what stays). */
export interface ProcedureFields {
  title?: string | null;
  summary?: string | null;
  category?: string | null;
  eligibility?: string | null;
  legalBasis?: string | null;
  processingTimeDays?: number | null;
  channels?: string[] | null;
  steps?: Translatable<{ title: string; description: string }>[] | null;
  requiredDocuments?: Translatable<{ name: string; description: string; mandatory: boolean }>[] | null;
  fees?: Translatable<{ description: string; amount: string; currency: string }>[] | null;
  faqs?: Translatable<{ question: string; answer: string }>[] | null;
  forms?: Translatable<{ fileId: string; title: string }>[] | null;
  /** The language the text is written in (on update: a change of it). */
  language?: GraphLanguage | null;
  /** The procedure's own fields in the other language. */
  translations?: TextTranslation[] | null;
}

/** A part as staff send it, with its text in the other language. */
export type Translatable<T> = T & { translations?: TextTranslation[] | null };

export const CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const AMOUNT = /^\d{1,10}(?:\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every problem with the input at once, one userError per field (`input.steps.2.title`).
 * `creating`: the texts a new procedure cannot do without are required, not just non-empty.
 */
export function checkProcedureFields(input: ProcedureFields, creating: boolean, written: Language): UserError[] {
  const errors: UserError[] = [];
  cleanTranslations(input.translations, PROCEDURE_TEXT, written, 'input', errors);
  for (const list of Object.keys(PART_TEXT) as (keyof typeof PART_TEXT)[]) {
    input[list]?.forEach((part, i) => cleanTranslations(part.translations, PART_TEXT[list], written, `input.${list}.${i}`, errors));
  }
  const text = (field: string, value: string | null | undefined, max: number, required: boolean) => {
    if (value == null) {
      if (required) errors.push(userError(`input.${field}`, 'REQUIRED', 'This field is required.'));
    } else if (required && value.trim() === '') errors.push(userError(`input.${field}`, 'REQUIRED', 'This field cannot be empty.'));
    else if (value.length > max) errors.push(userError(`input.${field}`, 'TOO_LONG', `At most ${max} characters.`, { max }));
  };
  text('title', input.title, 200, creating || input.title != null);
  text('summary', input.summary, 1000, creating || input.summary != null);
  text('category', input.category, 100, creating || input.category != null);
  text('eligibility', input.eligibility, 5000, false);
  text('legalBasis', input.legalBasis, 1000, false);
  const days = input.processingTimeDays;
  if (days != null && (days < 0 || days > 365)) errors.push(userError('input.processingTimeDays', 'OUT_OF_RANGE', 'Between 0 and 365 working days.', { min: 0, max: 365 }));
  if (input.channels != null && input.channels.length === 0) errors.push(userError('input.channels', 'REQUIRED', 'Give at least one channel.'));

  const each = <T>(list: T[] | null | undefined, name: string, check: (item: T, path: string) => void) =>
    list?.forEach((item, i) => check(item, `input.${name}.${i}`));
  const nonEmpty = (path: string, value: string, max: number) => {
    if (value.trim() === '') errors.push(userError(path, 'REQUIRED', 'This field cannot be empty.'));
    else if (value.length > max) errors.push(userError(path, 'TOO_LONG', `At most ${max} characters.`, { max }));
  };
  each(input.steps, 'steps', (s, p) => { nonEmpty(`${p}.title`, s.title, 200); nonEmpty(`${p}.description`, s.description, 5000); });
  each(input.requiredDocuments, 'requiredDocuments', (d, p) => { 
    nonEmpty(`${p}.name`, d.name, 200);
    if (d.description.length > 2000) errors.push(userError(`${p}.description`, 'TOO_LONG', 'At most 2000 characters.', { max: 2000 }));
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
  forms: { fileId: string; title: string; translations?: TextTranslation[] | null }[],
  written: Language,
): Promise<{ rows: Omit<FormRow, 'procedure_id' | 'position'>[]; errors: UserError[] }> {
  const rows: Omit<FormRow, 'procedure_id' | 'position'>[] = [];
  const errors: UserError[] = [];
  for (const [i, f] of forms.entries()) {
    const file = UUID.test(f.fileId) ? await files.head(f.fileId) : null;
    if (!file) {
      errors.push(userError(`input.forms.${i}.fileId`, 'UNKNOWN_FILE', 'No uploaded file has this id; upload it with POST /files first.'));
      continue;
    }
    rows.push({
      file_id: file.id, title: f.title.trim(), file_name: file.fileName, mime_type: file.mimeType, size_bytes: file.sizeBytes, sha256: file.sha256,
      translations: cleanTranslations(f.translations, PART_TEXT.forms, written, `input.forms.${i}`, []),
    });
  }
  return { rows, errors };
}
