/**
 * Content in two languages. A record's text columns hold it in the language it was written in
 * (`language`); `translations` holds the other (`{"zh": {"title": "…"}}`). A language missing
 * there, or a field missing in it, is untranslated: the reader then gets the written text, and the
 * graph says so per field (`TextLanguage.fallback`).
 *
 * The reader's language reaches a subgraph as `Accept-Language`, which the gateway sets to the one
 * language it resolved for the request (core/language.ts).
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
export function localize<F extends string>(row: Translated<F> & Record<F, string>, field: F, reader: Language): LocalizedText {
  if (reader !== row.language) {
    const t = row.translations?.[reader]?.[field];
    if (typeof t === 'string' && t.trim() !== '') return { text: t, language: reader, fallback: false };
  }
  return { text: row[field], language: row.language, fallback: reader !== row.language };
}

/** Just the text of `field` for the reader. */
export const textFor = <F extends string>(row: Translated<F> & Record<F, string>, field: F, reader: Language): string =>
  localize(row, field, reader).text;

/** For every field, which language the reader gets it in: `TextLanguage` in the graph. */
export function textLanguages<F extends string>(row: Translated<F> & Record<F, string>, fields: readonly F[], reader: Language) {
  return fields.map((field) => {
    const l = localize(row, field, reader);
    return { field, language: l.language, requested: reader, fallback: l.fallback };
  });
}

/** The languages a row is complete in: its own, and each whose translation has every field that has text. */
export function completeLanguages<F extends string>(row: Translated<F> & Record<F, string>, fields: readonly F[]): Language[] {
  return LANGUAGES.filter(
    (lang) =>
      lang === row.language ||
      fields.every((f) => row[f].trim() === '' || (row.translations?.[lang]?.[f] ?? '').trim() !== ''),
  );
}
