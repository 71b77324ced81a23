import { userError, type UserError } from '../kit/errors';
import { publicationSlug } from './slug';
import { takenSlugs, type ContentChange, type NewAttachment } from './db/editorial.repository';
import { normalizeTopic, UUID } from './db/publications.repository';
import type { PublicationKind, PublicationTable } from './db/tables';
import { DEFAULT_LANGUAGE } from '../../core/language';
import { fromGraph, type GraphLanguage, type Language } from '../kit/language';
import type { PublicationsContext } from './loaders';

/** Checking what an editor typed: each problem becomes a userError with the field's path. */
export interface Content {
  kind?: PublicationKind | null;
  title?: string | null;
  summary?: string | null;
  body?: string | null;
  topics?: string[] | null;
  attachmentIds?: string[] | null;
  /** The language the text is written in (the graph's enum). */
  language?: GraphLanguage | null;
  /** The other language's text; `[]` marks it untranslated. */
  translations?: TranslationInput[] | null;
}
export interface TranslationInput {
  language: GraphLanguage;
  title?: string | null;
  summary?: string | null;
  body?: string | null;
  attachmentNames?: string[] | null;
}
export interface CreateInput extends Content {
  departmentId: string;
  kind: PublicationKind;
  title: string;
}
export interface UpdateInput extends Content {
  id: string;
  changeNote?: string | null;
}

export const LIMITS = { title: 200, summary: 500, body: 100_000, topics: 10, topic: 40, attachments: 20, note: 500, slug: 80, fileName: 255 };

/**
 * Checks the content fields given, normalizing them; problems go to `errors`. `written`: the
 * language the stored text is in (a new publication: English), which `input.language` replaces.
 */
export function cleanContent(input: Content, errors: UserError[], written: Language = DEFAULT_LANGUAGE): ContentChange {
  const out: ContentChange = {};
  if (input.kind != null) out.kind = input.kind;
  if (input.language != null) out.language = fromGraph(input.language);
  if (input.title != null) {
    out.title = input.title.trim();
    if (out.title.length === 0 || out.title.length > LIMITS.title)
      errors.push(userError('input.title', 'INVALID_TITLE', `Enter a title of 1 to ${LIMITS.title} characters.`, { max: LIMITS.title }));
  }
  if (input.summary != null) {
    out.summary = input.summary.trim();
    if (out.summary.length > LIMITS.summary)
      errors.push(userError('input.summary', 'TOO_LONG', `Keep the summary to ${LIMITS.summary} characters.`, { max: LIMITS.summary }));
  }
  if (input.body != null) {
    out.body = input.body;
    if (out.body.length > LIMITS.body) errors.push(userError('input.body', 'TOO_LONG', `Keep the body to ${LIMITS.body} characters.`, { max: LIMITS.body }));
  }
  if (input.topics != null) {
    out.topics = [...new Set(input.topics.map(normalizeTopic))];
    if (out.topics.length > LIMITS.topics) errors.push(userError('input.topics', 'TOO_MANY', `Use at most ${LIMITS.topics} topics.`, { max: LIMITS.topics }));
    out.topics.forEach((t, i) => {
      if (t.length === 0 || t.length > LIMITS.topic)
        errors.push(userError(`input.topics.${i}`, 'INVALID_TOPIC', `A topic has 1 to ${LIMITS.topic} characters.`, { max: LIMITS.topic }));
    });
  }
  if (input.translations != null) {
    const clean = cleanTranslations(input.translations, out.language ?? written, errors);
    out.translations = clean.translations;
    out.attachmentNames = clean.attachmentNames;
  }
  return out;
}

/** What an editor wrote in the other language: the publication's translations, and its attachments' names by position. */
export interface CleanTranslations {
  translations: PublicationTable['translations'];
  attachmentNames: Partial<Record<Language, string[]>>;
}

/**
 * Checks translations against the language the text is written in: one per other language, each
 * field within the written text's limits. Empty fields are left out: untranslated.
 */
export function cleanTranslations(given: TranslationInput[], written: Language, errors: UserError[]): CleanTranslations {
  const out: CleanTranslations = { translations: {}, attachmentNames: {} };
  given.forEach((t, i) => {
    const lang = fromGraph(t.language);
    const at = `input.translations.${i}`;
    if (lang === written) {
      errors.push(userError(`${at}.language`, 'SAME_LANGUAGE', 'A translation must be in the language the text is not written in.', { language: t.language }));
      return;
    }
    if (out.translations[lang]) {
      errors.push(userError(`${at}.language`, 'DUPLICATE_TRANSLATION', 'Give each language once.', { language: t.language }));
      return;
    }
    const text: Partial<Record<'title' | 'summary' | 'body', string>> = {};
    for (const field of ['title', 'summary', 'body'] as const) {
      const value = field === 'body' ? (t[field] ?? '') : (t[field] ?? '').trim();
      if (value.trim() === '') continue;
      if (value.length > LIMITS[field]) errors.push(userError(`${at}.${field}`, 'TOO_LONG', `Keep it to ${LIMITS[field]} characters.`, { max: LIMITS[field] }));
      text[field] = value;
    }
    out.translations[lang] = text;
    const names = (t.attachmentNames ?? []).map((n) => n.trim());
    names.forEach((n, j) => {
      if (n.length > LIMITS.fileName) errors.push(userError(`${at}.attachmentNames.${j}`, 'TOO_LONG', `Keep it to ${LIMITS.fileName} characters.`, { max: LIMITS.fileName }));
    });
    out.attachmentNames[lang] = names;
  });
  return out;
}

/** Attachments with their names in the other languages, by position (an empty name: untranslated). */
export function nameAttachments(files: NewAttachment[], names: CleanTranslations['attachmentNames']): NewAttachment[] {
  return files.map((f, i) => ({
    ...f,
    translations: Object.fromEntries(
      Object.entries(names).flatMap(([lang, list]) => (list?.[i] ? [[lang, { fileName: list[i] }]] : [])),
    ),
  }));
}

/** The names attachments already have in other languages, by position. */
export function namesOf(attachments: NewAttachment[]): CleanTranslations['attachmentNames'] {
  const names: CleanTranslations['attachmentNames'] = {};
  attachments.forEach((a, i) => {
    for (const [lang, t] of Object.entries(a.translations ?? {}) as [Language, { fileName?: string }][]) {
      (names[lang] ??= [])[i] = t?.fileName ?? '';
    }
  });
  return names;
}

/** Looks up the files to attach in the file store; unknown ids become userErrors. */
export async function resolveAttachments(ctx: PublicationsContext, ids: string[] | null | undefined, errors: UserError[]) {
  if (ids == null) return undefined;
  if (ids.length > LIMITS.attachments) {
    errors.push(userError('input.attachmentIds', 'TOO_MANY', `Attach at most ${LIMITS.attachments} files.`, { max: LIMITS.attachments }));
    return undefined;
  }
  const files = await Promise.all(ids.map((id) => ctx.files.head(id)));
  const found: NewAttachment[] = [];
  files.forEach((f, i) => {
    if (!f) errors.push(userError(`input.attachmentIds.${i}`, 'UNKNOWN_FILE', 'No uploaded file has this id. Upload it first.'));
    else found.push({ file_id: f.id, file_name: f.fileName, mime_type: f.mimeType, size_bytes: f.sizeBytes });
  });
  return found;
}

/** The one document this subgraph may run over the gateway's internal path: does a department exist. */
export const READS = ['query PublicationsDepartmentExists($id: ID) { department(id: $id) { id } }'];

export async function departmentExists(ctx: PublicationsContext, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const data = await ctx.graph.request<{ department: { id: string } | null }>(READS[0], { id });
  return data.department !== null;
}

/** The slug of a title, made unique with a numeric suffix (`road-works-2`) when it is taken. */
export async function freeSlug(db: PublicationsContext['db'], title: string): Promise<string> {
  const base = publicationSlug(title);
  const taken = new Set(await takenSlugs(db, base));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}
