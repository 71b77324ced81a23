import Ajv2020Module from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { userError, type UserError } from '../kit/errors';
import { addFormLanguageKeywords } from './form-language';

// CommonJS packages: under Node's ESM loader the class sits on `.default`.
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule;

/**
 * Checks that an application form is a JSON Schema (draft 2020-12) the applications subgraph can
 * validate submissions with: it must compile in strict mode (unknown keywords and formats are
 * mistakes, not extensions) and describe an object, since a submission is one object of fields.
 * A fresh Ajv per check: compiled schemas would otherwise accumulate in its cache.
 */
export function checkApplicationForm(schema: unknown, field = 'schema'): UserError[] {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return [userError(field, 'INVALID_SCHEMA', 'The application form must be a JSON Schema object.')];
  }
  const root = schema as Record<string, unknown>;
  if (root.type !== 'object') {
    return [userError(`${field}.type`, 'INVALID_SCHEMA', 'The application form must have `type: "object"` at its root.')];
  }
  if (root.$schema !== undefined && root.$schema !== 'https://json-schema.org/draft/2020-12/schema') {
    return [userError(`${field}.$schema`, 'INVALID_SCHEMA', 'Only JSON Schema draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`) is supported.')];
  }
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // Labels in the other language are annotations, checked for their shape (form-language.ts).
  addFormLanguageKeywords(ajv);
  try {
    ajv.compile(root);
    return [];
  } catch (err) {
    return [userError(field, 'INVALID_SCHEMA', `The application form is not a valid JSON Schema 2020-12: ${(err as Error).message}`)];
  }
}
