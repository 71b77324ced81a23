import { userError, type UserError } from '../kit/errors';
import { fromGraph, type GraphLanguage, type Language, type Translations } from '../kit/language';

/** One text in the other language, as staff send it (`TextTranslationInput`). */
export interface TextTranslation {
  language: GraphLanguage;
  field: string;
  text: string;
}

/** The fields of a procedure or a part that take a translation: the input's name → the column, and its length limit. */
export type TranslatableFields = Record<string, { column: string; max: number }>;

export const PROCEDURE_TEXT: TranslatableFields = {
  title: { column: 'title', max: 200 },
  summary: { column: 'summary', max: 1000 },
  category: { column: 'category', max: 100 },
  eligibility: { column: 'eligibility', max: 5000 },
  legalBasis: { column: 'legal_basis', max: 1000 },
};
export const PART_TEXT = {
  steps: { title: { column: 'title', max: 200 }, description: { column: 'description', max: 5000 } },
  requiredDocuments: { name: { column: 'name', max: 200 }, description: { column: 'description', max: 2000 } },
  fees: { description: { column: 'description', max: 200 } },
  faqs: { question: { column: 'question', max: 500 }, answer: { column: 'answer', max: 5000 } },
  forms: { title: { column: 'title', max: 200 } },
} satisfies Record<string, TranslatableFields>;

/**
 * The translations staff gave for one procedure or part, as stored (`{"zh": {"title": "…"}}`);
 * problems go to `errors` on `path.translations.<i>`. Empty texts are left out: untranslated.
 */
export function cleanTranslations(
  given: TextTranslation[] | null | undefined,
  fields: TranslatableFields,
  written: Language,
  path: string,
  errors: UserError[],
): Translations<string> {
  const out: Translations<string> = {};
  given?.forEach((t, i) => {
    const at = `${path}.translations.${i}`;
    const lang = fromGraph(t.language);
    const field = fields[t.field];
    if (lang === written) {
      errors.push(userError(`${at}.language`, 'SAME_LANGUAGE', 'A translation must be in the language the procedure is not written in.', { language: t.language }));
    } else if (!field) {
      errors.push(userError(`${at}.field`, 'UNKNOWN_FIELD', `Translate one of ${Object.keys(fields).join(', ')}.`, { fields: Object.keys(fields).join(', ') }));
    } else if (out[lang]?.[field.column] !== undefined) {
      errors.push(userError(`${at}.field`, 'DUPLICATE_TRANSLATION', 'Give each field once per language.', { field: t.field }));
    } else if (t.text.length > field.max) {
      errors.push(userError(`${at}.text`, 'TOO_LONG', `At most ${field.max} characters.`, { max: field.max }));
    } else if (t.text.trim() !== '') {
      (out[lang] ??= {})[field.column] = t.text.trim();
    }
  });
  return out;
}
