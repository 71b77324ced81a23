import type { ReactNode } from 'react';
import { useContentLang } from './a11y';
import type { UserError } from './api';
import { useT } from './context';
import type { Messages } from './i18n/en';

/**
 * A form rendered from a procedure's application form (JSON Schema draft 2020-12): text, number,
 * date, email, phone, choice, yes/no, multiple choice and nested objects, with titles and required
 * marks. Checking is the graph's job: its userErrors (field `formData.applicant.birthDate`) are shown
 * beside the field they name, so the form never disagrees with the server about what is valid.
 */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  multipleOf?: number;
  maxLength?: number;
  minLength?: number;
  items?: JsonSchema;
  default?: unknown;
  /** Sample values (JSON Schema's own keyword): the first is shown as the expected format. */
  examples?: unknown[];
}

type Obj = Record<string, unknown>;
export const ROOT = 'formData';

/** The id of a field's control (or group) for its path, e.g. `formData.applicant.email`. */
export const idFor = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** The paths of every field the schema renders, to tell which userErrors have no field to sit by. */
export function fieldPaths(schema: JsonSchema, path = ROOT): string[] {
  if (schema.type === 'object' && schema.properties) {
    return [path, ...Object.entries(schema.properties).flatMap(([k, s]) => fieldPaths(s, `${path}.${k}`))];
  }
  return [path];
}

/** The schema of the field at `path` (`formData.applicant.email`), if the form has one. */
export function schemaAt(schema: JsonSchema, path: string): { schema: JsonSchema; name: string } | undefined {
  const keys = path.split('.');
  if (keys.shift() !== ROOT) return undefined;
  let s: JsonSchema | undefined = schema;
  for (const k of keys) s = s?.properties?.[k];
  return s ? { schema: s, name: keys[keys.length - 1] ?? ROOT } : undefined;
}

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type);
const titleOf = (schema: JsonSchema, name: string) => schema.title ?? humanize(name);

/** The expected format of a field, when it has one worth showing before it is filled in. */
export function exampleOf(schema: JsonSchema, name: string): string | undefined {
  if (schema.examples?.length) return String(schema.examples[0]);
  if (schema.format === 'email') return 'name@example.com';
  if (/phone|tel/i.test(name) && typeOf(schema) === 'string') return '+44 20 7946 0958';
  return undefined;
}

/**
 * A field's userError in the reader's language and in words a person can act on ("Enter the phone
 * number in the right format, for example +44 20 7946 0958"), written from the error's code and the
 * field's schema; the graph's own message when the code says nothing the schema can explain.
 */
export function fieldMessage(t: Messages, e: UserError, schema: JsonSchema, name: string): string | null {
  const title = titleOf(schema, name);
  const type = typeOf(schema);
  const ex = exampleOf(schema, name);
  const m = t.errors;
  switch (e.code) {
    case 'REQUIRED':
      return schema.enum || type === 'boolean' || type === 'object' || (type === 'array' && schema.items?.enum) ? m.choose(title) : m.enter(title);
    case 'INVALID_FORMAT':
      if (schema.format === 'email') return m.email(title, ex!);
      if (schema.format === 'date' || schema.format === 'date-time') return m.date(title);
      return ex ? m.format(title, ex) : null;
    case 'INVALID_TYPE':
    case 'INVALID_VALUE':
      if (type === 'integer' || type === 'number') {
        const lo = schema.minimum;
        if (lo !== undefined && schema.maximum !== undefined) return m.between(title, lo, schema.maximum, type === 'integer');
        if (schema.exclusiveMinimum === 0) return m.positive(title);
        if (lo !== undefined) return m.atLeast(title, lo);
        if (type === 'integer') return m.wholeNumber(title);
        return m.number(title);
      }
      if (schema.pattern && ex) return m.format(title, ex);
      if (schema.maxLength !== undefined && typeof schema.maxLength === 'number' && e.message.includes(String(schema.maxLength))) return m.tooLong(title, schema.maxLength);
      if (schema.enum) return m.choose(title);
      if (type === 'array' && schema.items?.enum) return m.choose(title);
      return null;
    default:
      return null;
  }
}

interface Props {
  schema: JsonSchema;
  value: Obj;
  onChange: (v: Obj) => void;
  errors: UserError[];
}

/** Every userError of a schema form in words for people, for the error summary and the fields. */
export function useFieldMessage(schema: JsonSchema) {
  const t = useT();
  const langOf = useContentLang();
  return (e: UserError): ReactNode => {
    const at = e.field ? schemaAt(schema, e.field) : undefined;
    const written = at && fieldMessage(t, e, at.schema, at.name);
    return written ?? <span lang={langOf()}>{e.message}</span>;
  };
}

export function SchemaForm({ schema, value, onChange, errors }: Props) {
  const byField = new Map<string, UserError[]>();
  for (const e of errors) if (e.field) byField.set(e.field, [...(byField.get(e.field) ?? []), e]);
  return (
    <div className="schema-form">
      <ObjectFields schema={schema} path={ROOT} value={value} onChange={onChange} errors={byField} />
    </div>
  );
}

interface FieldProps<V> {
  schema: JsonSchema;
  path: string;
  value: V;
  onChange: (v: V) => void;
  errors: Map<string, UserError[]>;
  required?: boolean;
  name?: string;
}

/**
 * The order to show an object's fields in. Stored as jsonb, a schema's `properties` lose their
 * authored order, so required fields come first in the order of `required` (which survives), then
 * the rest; an explicit `x-order` list wins when a form has one.
 */
function ordered(schema: JsonSchema & { 'x-order'?: string[] }): [string, JsonSchema][] {
  const props = schema.properties ?? {};
  const keys = [...(schema['x-order'] ?? []), ...(schema.required ?? []), ...Object.keys(props)];
  return [...new Set(keys)].filter((k) => k in props).map((k) => [k, props[k]]);
}

function ObjectFields({ schema, path, value, onChange, errors }: FieldProps<Obj>) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {ordered(schema).map(([key, child]) => (
        <Field
          key={key}
          name={key}
          schema={child}
          path={`${path}.${key}`}
          value={value?.[key]}
          required={required.has(key)}
          errors={errors}
          onChange={(v) => {
            const next = { ...(value ?? {}) };
            if (v === undefined) delete next[key];
            else next[key] = v;
            onChange(next);
          }}
        />
      ))}
    </>
  );
}

function Label({ text, required }: { text: string; required?: boolean }) {
  const t = useT();
  const langOf = useContentLang();
  return (
    <>
      <span lang={langOf()}>{text}</span>
      {required && (
        <>
          <span className="req" aria-hidden="true"> *</span>
          <span className="sr-only"> ({t.form.required})</span>
        </>
      )}
    </>
  );
}

function FieldErrors({ id, errors, schema, name }: { id: string; errors?: UserError[]; schema: JsonSchema; name: string }) {
  const t = useT();
  const langOf = useContentLang();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      <span className="sr-only">{t.errors.prefix} </span>
      {errors.map((e, i) => {
        const written = fieldMessage(t, e, schema, name);
        return <span key={i} lang={written ? undefined : langOf()}>{i > 0 && ' '}{written ?? e.message}</span>;
      })}
    </p>
  );
}

/**
 * autocomplete tokens (WCAG 1.3.5) for fields about the person applying: the shared `applicant`
 * group on every form, and the address they move to.
 */
const AUTOCOMPLETE: [RegExp, string][] = [
  [/^formData\.applicant\.fullName$/, 'name'],
  [/^formData\.applicant\.birthDate$/, 'bday'],
  [/^formData\.applicant\.email$/, 'email'],
  [/^formData\.applicant\.phone$/, 'tel'],
  [/^formData\.(newAddress|homeAddress|address)\.street$/, 'street-address'],
  [/^formData\.(newAddress|homeAddress|address)\.postalCode$/, 'postal-code'],
  [/^formData\.(newAddress|homeAddress|address)\.city$/, 'address-level2'],
];
export const autocompleteFor = (path: string) => AUTOCOMPLETE.find(([re]) => re.test(path))?.[1];

function Field({ schema, path, value, onChange, errors, required, name }: FieldProps<unknown>) {
  const t = useT();
  const langOf = useContentLang();
  const id = idFor(path);
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  // Errors on a group's own path (a missing nested object) show on the group.
  const messages = errors.get(path);
  const key = name ?? path;
  const title = titleOf(schema, key);
  const example = exampleOf(schema, key);
  const hintText = [schema.description, example && t.hints.example(example)].filter(Boolean).join(' ');
  const describedBy = [hintText ? hintId : '', messages ? errId : ''].filter(Boolean).join(' ') || undefined;
  const hint = hintText ? <p id={hintId} className="hint">{schema.description && <span lang={langOf()}>{schema.description}</span>}{schema.description && example && ' '}{example && t.hints.example(example)}</p> : null;
  const type = typeOf(schema);
  const fieldErrors = <FieldErrors id={errId} errors={messages} schema={schema} name={key} />;

  if (type === 'object') {
    return (
      <fieldset id={id} className={messages ? 'group invalid' : 'group'} aria-describedby={describedBy}>
        <legend><Label text={title} required={required} /></legend>
        {hint}
        {fieldErrors}
        <ObjectFields schema={schema} path={path} value={(value as Obj) ?? {}} errors={errors} onChange={(v) => onChange(Object.keys(v).length ? v : undefined)} />
      </fieldset>
    );
  }

  if (type === 'boolean') {
    return (
      <fieldset id={id} className={messages ? 'group inline invalid' : 'group inline'} aria-describedby={describedBy}>
        <legend><Label text={title} required={required} /></legend>
        {hint}
        {fieldErrors}
        {[true, false].map((b) => (
          <label key={String(b)} className="choice">
            <input type="radio" name={id} checked={value === b} onChange={() => onChange(b)} aria-invalid={!!messages || undefined} />
            {b ? t.form.yes : t.form.no}
          </label>
        ))}
      </fieldset>
    );
  }

  if (type === 'array' && schema.items?.enum) {
    const selected = new Set(Array.isArray(value) ? value : []);
    return (
      <fieldset id={id} className={messages ? 'group inline invalid' : 'group inline'} aria-describedby={describedBy}>
        <legend><Label text={title} required={required} /></legend>
        {hint}
        {fieldErrors}
        {schema.items.enum.map((opt) => (
          <label key={String(opt)} className="choice">
            <input
              type="checkbox"
              checked={selected.has(opt)}
              onChange={(e) => {
                const next = schema.items!.enum!.filter((o) => (o === opt ? e.target.checked : selected.has(o)));
                onChange(next.length ? next : undefined);
              }}
            />
            <span lang={langOf()}>{String(opt)}</span>
          </label>
        ))}
      </fieldset>
    );
  }

  let control: ReactNode;
  const common = {
    id,
    'aria-invalid': messages ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy,
  };
  if (schema.enum) {
    control = (
      <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? undefined : schema.enum!.find((o) => String(o) === e.target.value))}>
        <option value="">{t.form.choose}</option>
        {schema.enum.map((o) => <option key={String(o)} value={String(o)} lang={langOf()}>{String(o)}</option>)}
      </select>
    );
  } else if (type === 'integer' || type === 'number') {
    control = (
      <input
        {...common}
        type="number"
        inputMode={type === 'integer' ? 'numeric' : 'decimal'}
        min={schema.minimum}
        max={schema.maximum}
        step={type === 'integer' ? 1 : (schema.multipleOf ?? 'any')}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          if (raw === '') return onChange(undefined);
          const n = Number(raw);
          onChange(Number.isFinite(n) ? n : raw);
        }}
      />
    );
  } else if (type === 'array') {
    // Lists of free text: one item per line.
    control = (
      <textarea {...common} rows={3} value={Array.isArray(value) ? value.join('\n') : ''} onChange={(e) => {
        const items = e.target.value.split('\n');
        onChange(items.some((s) => s.trim()) ? items : undefined);
      }} />
    );
  } else {
    const phone = /phone|tel/i.test(name ?? '');
    const inputType = schema.format === 'date' ? 'date' : schema.format === 'email' ? 'email' : schema.format === 'date-time' ? 'datetime-local' : phone ? 'tel' : 'text';
    const str = typeof value === 'string' ? value : value === undefined ? '' : String(value);
    const set = (s: string) => onChange(s === '' ? undefined : schema.format === 'date-time' ? new Date(s).toISOString() : s);
    control = (schema.maxLength ?? 0) > 500 ? (
      <textarea {...common} rows={5} value={str} onChange={(e) => set(e.target.value)} />
    ) : (
      <input
        {...common}
        type={inputType}
        autoComplete={autocompleteFor(path)}
        maxLength={schema.maxLength}
        value={schema.format === 'date-time' && str ? str.slice(0, 16) : str}
        onChange={(e) => set(e.target.value)}
      />
    );
  }
  return (
    <div className={messages ? 'field invalid' : 'field'}>
      <label htmlFor={id}><Label text={title} required={required} /></label>
      {hint}
      {fieldErrors}
      {control}
    </div>
  );
}
