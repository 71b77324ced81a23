/**
 * Content in two languages. A record's text columns hold it in the language it was written in
 * (`language`); `translations` holds the other (`{"zh": {"title": "…"}}`). A language missing
 * there, or a field missing in it, is untranslated: the reader then gets the written text, and the
 * graph says so per field (`TextLanguage.fallback`).
 *
 * The reader's language reaches a subgraph inside the identity token the gateway signs for each call
 * (`ctx.language`, core/language.ts).
 */
import { LANGUAGES, type Language } from '../../core/language';

export { LANGUAGES, type Language };

/** The other languages' text of some fields, by language. */
export type Translations<F extends string> = Partial<Record<Language, Partial<Record<F, string>>>>;

/** A row with text in a written language and its translations. */
export interface Translated<F extends string> {
  language: Language;
  translations: Translations<F>;
}

/** One field's text for a reader: the text, the language it is in, and whether that is not the one asked for. */
export interface LocalizedText {
  text: string;
  language: Language;
  fallback: boolean;
}

/** The text of `field` in the reader's language, else as written. Empty translations count as missing. */
export const localize = <F extends string>(row: Translated<F> & Record<F, string>, field: F, reader: Language): LocalizedText =>
  localizeColumn(row as unknown as AnyRow, field, field, reader);

/** A language as the graph's `Language` enum names it. */
export type GraphLanguage = 'EN' | 'ZH';
export const toGraph = (lang: Language): GraphLanguage => lang.toUpperCase() as GraphLanguage;
export const fromGraph = (lang: GraphLanguage): Language => lang.toLowerCase() as Language;

/**
 * One localized field of a type: its name in the graph, the row's column written in the row's
 * language, and its key in `translations` (the column's name unless given).
 */
export type LocalizedField = readonly [graphField: string, column: string, key?: string];

interface ReaderContext {
  language: Language;
}
type AnyRow = { language: Language; translations?: Record<string, Record<string, string> | undefined> | null } & Record<string, unknown>;

/** One field's text for the reader, with its language and whether it fell back (`localize`, on any column). */
function localizeColumn(row: AnyRow, column: string, key: string, reader: Language): LocalizedText {
  const written = String(row[column] ?? '');
  if (reader !== row.language) {
    const t = row.translations?.[reader]?.[key];
    if (typeof t === 'string' && t.trim() !== '') return { text: t, language: reader, fallback: false };
  }
  return { text: written, language: row.language, fallback: reader !== row.language };
}

/**
 * The resolvers of a type whose text is written in two languages: each field in the reader's
 * language (`ctx.language`), falling back field by field to the written text; `language` (as
 * written), `availableLanguages` (those every field can be read in) and `textLanguages` (per field:
 * the language answered, the one asked for, and whether it fell back). Parts of a record (a
 * procedure's steps) pass the record's language with the row, since they are written in it.
 */
export function localizedResolvers(fields: readonly LocalizedField[]) {
  const resolvers: Record<string, (row: any, args: unknown, ctx: ReaderContext) => unknown> = {};
  for (const [graphField, column, key = column] of fields) {
    resolvers[graphField] = (row: AnyRow, _args, ctx) => localizeColumn(row, column, key, ctx.language).text;
  }
  resolvers.language = (row: AnyRow) => toGraph(row.language);
  resolvers.availableLanguages = (row: AnyRow) =>
    LANGUAGES.filter(
      (lang) =>
        lang === row.language ||
        fields.every(([, column, key = column]) => String(row[column] ?? '').trim() === '' || (row.translations?.[lang]?.[key] ?? '').trim() !== ''),
    ).map(toGraph);
  resolvers.textLanguages = (row: AnyRow, _args, ctx) =>
    fields.map(([field, column, key = column]) => {
      const l = localizeColumn(row, column, key, ctx.language);
      return { field, language: toGraph(l.language), requested: toGraph(ctx.language), fallback: l.fallback };
    });
  return resolvers;
}
