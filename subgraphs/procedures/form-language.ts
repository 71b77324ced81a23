import type Ajv from 'ajv';
import { LANGUAGES, type Language } from '../kit/language';

/**
 * An application form's labels in two languages. The form (a JSON Schema) is written in its
 * procedure's language; each field (any subschema) may carry its label, help and option names in
 * the other: `"x-translations": {"zh": {"title": "姓名", "description": "…", "enumNames": ["…"]}}`.
 * They live in the schema itself, so a published version keeps the words it was published with,
 * and an owner writes both languages through the same `publishApplicationForm`.
 */
export const TRANSLATIONS_KEYWORD = 'x-translations';
/** The names to show for an `enum`'s values, in the reader's language (the values are what is submitted). */
export const ENUM_NAMES_KEYWORD = 'x-enumNames';

/** What a form's translations must look like, checked when a form is published (application-form.ts). */
export function addFormLanguageKeywords(ajv: Ajv): void {
  const text = { type: 'string', maxLength: 2000 };
  ajv.addKeyword({
    keyword: TRANSLATIONS_KEYWORD,
    metaSchema: {
      type: 'object',
      propertyNames: { enum: [...LANGUAGES] },
      additionalProperties: {
        type: 'object',
        properties: { title: text, description: text, enumNames: { type: 'array', items: text } },
        additionalProperties: false,
      },
    },
  });
  ajv.addKeyword({ keyword: ENUM_NAMES_KEYWORD, metaSchema: { type: 'array', items: { type: 'string' } } });
}

type Node = Record<string, unknown>;
type NodeTranslation = { title?: string; description?: string; enumNames?: string[] };
const isNode = (v: unknown): v is Node => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The form as a reader of `reader` sees it: each label and help text in their language where the
 * form gives it, and `x-enumNames` for every choice. `complete` is false when any text fell back
 * to the written language.
 */
export function localizeForm(schema: unknown, written: Language, reader: Language): { schema: unknown; complete: boolean } {
  let complete = true;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isNode(value)) return value;
    const out: Node = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === TRANSLATIONS_KEYWORD || k === 'enum' || k === 'const' || k === 'default' ? v : walk(v);
    if (reader === written) {
      if (Array.isArray(value.enum) && !Array.isArray(value[ENUM_NAMES_KEYWORD])) out[ENUM_NAMES_KEYWORD] = value.enum.map(String);
      return out;
    }
    const t = (isNode(value[TRANSLATIONS_KEYWORD]) ? (value[TRANSLATIONS_KEYWORD] as Node)[reader] : undefined) as NodeTranslation | undefined;
    for (const key of ['title', 'description'] as const) {
      if (typeof value[key] !== 'string') continue;
      if (t?.[key]?.trim()) out[key] = t[key];
      else complete = false;
    }
    if (Array.isArray(value.enum)) {
      const names = t?.enumNames;
      if (!names || names.length !== value.enum.length) complete = false;
      out[ENUM_NAMES_KEYWORD] = value.enum.map((v, i) => (names?.[i]?.trim() ? names[i] : String(v)));
    }
    return out;
  };
  return { schema: walk(schema), complete };
}
