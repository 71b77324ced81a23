import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { userError, type UserError } from '../kit/errors';
import type { Language } from '../kit/language';

/**
 * Checks form data against a procedure's application form (a JSON Schema, draft 2020-12) and
 * turns every problem into a userError on the dotted path of the offending field
 * (`formData.applicant.birthDate`), so a form can show each one beside its field.
 */
export class FormValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  // Compiling is the expensive part; a (procedure, version) form never changes once published.
  private readonly cache = new Map<string, { fn: ValidateFunction; schema: object }>();

  constructor(private readonly maxCached = 500) {
    addFormats(this.ajv);
  }

  /** `language`: the reader's, for the words of each problem (English, or Chinese by ajv-i18n). */
  validate(procedureId: string, version: number, schema: unknown, data: unknown, root = 'formData', language: Language = 'en'): UserError[] {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return [userError(root, 'INVALID_TYPE', 'The form data must be an object with the form’s fields.')];
    }
    const fn = this.compiled(`${procedureId}@${version}`, schema);
    if (fn(data)) return [];
    const seen = new Set<string>();
    const errors: UserError[] = [];
    const found = fn.errors ?? [];
    // Ajv's own words for a failed keyword, in Chinese (ajv-i18n: maintained with Ajv, every keyword).
    const zh = language === 'zh' ? structuredClone(found) : null;
    if (zh) localizeZh(zh);
    for (const [i, e] of found.entries()) {
      const problem = toUserError(e, root, zh?.[i]?.message);
      if (!problem) continue;
      const key = `${problem.field}|${problem.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(problem);
    }
    return errors;
  }

  private compiled(key: string, schema: unknown): ValidateFunction {
    const hit = this.cache.get(key);
    if (hit) return hit.fn;
    // Without its `$id`: two forms sharing one must not collide in Ajv's registry of schemas.
    const { $id: _id, ...own } = schema as Record<string, unknown>;
    const fn = this.ajv.compile(own);
    if (this.cache.size >= this.maxCached) {
      const [oldest, entry] = this.cache.entries().next().value!;
      this.ajv.removeSchema(entry.schema);
      this.cache.delete(oldest);
    }
    this.cache.set(key, { fn, schema: own });
    return fn;
  }
}

/** `/applicant/birth~1date` → `formData.applicant.birth/date` */
function dotted(root: string, pointer: string, child?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return [root, ...parts].join('.');
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;

/** How a reader of Chinese names a format a field must have. */
const FORMATS_ZH: Record<string, string> = { date: '日期', email: '电子邮箱地址', time: '时间', 'date-time': '日期和时间', uri: '网址' };

function toUserError(e: ErrorObject, root: string, zh?: string): UserError | null {
  const p = e.params as Record<string, any>;
  const inZh = (u: UserError, text: string | undefined) => (text ? { ...u, messages: { zh: text } } : u);
  switch (e.keyword) {
    case 'required':
      return userError(dotted(root, e.instancePath, p.missingProperty), 'REQUIRED', 'This field is required.');
    case 'dependentRequired':
      return userError(dotted(root, e.instancePath, p.missingProperty), 'REQUIRED', `This field is required when ${p.property} is given.`, { property: p.property });
    case 'additionalProperties':
      return userError(dotted(root, e.instancePath, p.additionalProperty), 'UNKNOWN_FIELD', 'The form has no such field.');
    case 'unevaluatedProperties':
      return userError(dotted(root, e.instancePath, p.unevaluatedProperty), 'UNKNOWN_FIELD', 'The form has no such field.');
    case 'format':
      return inZh(userError(dotted(root, e.instancePath), 'INVALID_FORMAT', `Enter a valid ${p.format}.`, { format: p.format }), zh && `请输入有效的${FORMATS_ZH[p.format] ?? p.format}。`);
    case 'type':
      return inZh(userError(dotted(root, e.instancePath), 'INVALID_TYPE', sentence(e.message ?? `must be ${p.type}`), { type: String(p.type) }), zh && `${zh}。`);
    // `if` only says which branch failed; the branch's own errors name the fields.
    case 'if':
      return null;
    default:
      return inZh(
        userError(dotted(root, e.instancePath), 'INVALID_VALUE', sentence(e.message ?? 'is not valid'), { keyword: e.keyword, ...scalarParams(p) }),
        zh && `${zh}。`,
      );
  }
}

/** Ajv's parameters of a failed keyword that read as text (`limit: 200`), for clients writing their own words. */
const scalarParams = (p: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(p).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
