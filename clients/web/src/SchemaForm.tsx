import type { ReactNode } from 'react';
import type { UserError } from './api';
import { useT } from './context';
import type { Messages } from './i18n/en';
import { L, useLangOf } from './ui';
import { orderedFields } from '../../../core/form-order';

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
  items?: JsonSchema;
  default?: unknown;
  /** JSON Schema's annotation: values that fit, shown as a format hint ("For example …"). */
  examples?: unknown[];
  /** The names to show for `enum`'s values, in the reader's language (the graph adds them); the values are what is sent. */
  'x-enumNames'?: string[];
}

/** What to show for option `i` of a choice: its name in the reader's language, else the value. */
const optionName = (schema: JsonSchema, i: number) => schema['x-enumNames']?.[i] ?? String(schema.enum![i]);

type Obj = Record<string, unknown>;
export const ROOT = 'formData';

const idFor = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** The paths of every field the schema renders, to tell which userErrors have no field to sit by. */
export function fieldPaths(schema: JsonSchema, path = ROOT): string[] {
  if (schema.type === 'object' && schema.properties) {
    return [path, ...Object.entries(schema.properties).flatMap(([k, s]) => fieldPaths(s, `${path}.${k}`))];
  }
  return [path];
}

/** The element of a userError's field (its control, or the fieldset of a group). */
export const fieldIdFor = (field: string) => idFor(field);

/**
 * Personal data the browser may fill in (1.3.5): the applicant's own details and addresses.
 * Other people's (a child's birth date) get none.
 */
function autocompleteFor(path: string, name: string): string | undefined {
  const own = path.startsWith(`${ROOT}.applicant.`);
  const tokens: Record<string, string | undefined> = {
    fullName: own ? 'name' : undefined,
    birthDate: own ? 'bday' : undefined,
    email: own ? 'email' : undefined,
    phone: own ? 'tel' : undefined,
    street: 'street-address',
    postalCode: 'postal-code',
    city: 'address-level2',
  };
  return tokens[name];
}

function schemaAt(schema: JsonSchema, field: string): JsonSchema | undefined {
  const parts = field.split('.');
  if (parts[0] !== ROOT) return undefined;
  let s: JsonSchema | undefined = schema;
  for (const k of parts.slice(1)) s = s?.properties?.[k];
  return s;
}

const exampleOf = (s: JsonSchema) => (s.examples?.length ? String(s.examples[0]) : undefined);

/**
 * The graph's userErrors on form fields, rewritten for people in the page's language from the
 * error's code and the field's schema ("Enter a number from 1 to 20", "for example +44 20 7946
 * 0958") instead of the validator's own words (`must match pattern "^\+?[0-9 ()-]{7,20}$"`).
 * Errors the schema cannot explain keep the graph's message.
 */
export function localizeFormErrors(schema: JsonSchema, errors: UserError[], t: Messages): UserError[] {
  const m = t.form.errors;
  return errors.map((e) => {
    const s = e.field ? schemaAt(schema, e.field) : undefined;
    if (!s) return e;
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
    const example = exampleOf(s);
    const say = (message: string) => ({ ...e, message });
    switch (e.code) {
      case 'REQUIRED':
        return say(s.enum || type === 'boolean' ? m.choose : m.required);
      case 'UNKNOWN_FIELD':
        return say(m.unknown);
      case 'INVALID_FORMAT':
        return say(s.format === 'email' ? m.email : s.format === 'date' ? m.date : example ? m.format(example) : m.invalid);
      default:
        if (type === 'integer' || type === 'number') return say(m.number(s.minimum ?? s.exclusiveMinimum, s.maximum));
        if (s.enum) return say(m.choose);
        if (/fewer than/.test(e.message)) return say(m.required);
        if (/more than/.test(e.message) && s.maxLength) return say(m.tooLong(s.maxLength));
        if (s.pattern) return say(example ? m.format(example) : m.invalid);
        return e;
    }
  });
}

interface Props {
  schema: JsonSchema;
  value: Obj;
  onChange: (v: Obj) => void;
  errors: UserError[];
}

export function SchemaForm({ schema, value, onChange, errors }: Props) {
  const byField = new Map<string, string[]>();
  for (const e of errors) if (e.field) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
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
  errors: Map<string, string[]>;
  required?: boolean;
  name?: string;
}

/** The order to show an object's fields in: core/form-order.ts, shared with the case file's labelled answers. */
const ordered = (schema: JsonSchema & { 'x-order'?: string[] }) => orderedFields<JsonSchema>(schema);

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
  return (
    <>
      <L>{text}</L>
      {required && (
        <>
          <span className="req" aria-hidden="true"> *</span>
          <span className="sr-only"> ({t.form.required})</span>
        </>
      )}
    </>
  );
}

function FieldErrors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="field-error">
      {messages.join(' ')}
    </p>
  );
}

function Field({ schema, path, value, onChange, errors, required, name }: FieldProps<unknown>) {
  const t = useT();
  const langOf = useLangOf();
  const id = idFor(path);
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  // Errors on a group's own path (a missing nested object) show on the group.
  const messages = errors.get(path);
  const title = schema.title ?? humanize(name ?? path);
  // Hints come before the field: its description, and the expected format by example.
  const example = exampleOf(schema);
  const hasHint = !!(schema.description || example);
  const describedBy = [hasHint ? hintId : '', messages ? errId : ''].filter(Boolean).join(' ') || undefined;
  const hint = hasHint ? (
    <p id={hintId} className="hint">
      {schema.description && <L>{schema.description}</L>}
      {schema.description && example && ' '}
      {example && t.form.example(example)}
    </p>
  ) : null;
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;

  if (type === 'object') {
    return (
      <fieldset id={id} data-label={title} className={messages ? 'group invalid' : 'group'} aria-describedby={describedBy}>
        <legend><Label text={title} required={required} /></legend>
        {hint}
        <FieldErrors id={errId} messages={messages} />
        <ObjectFields schema={schema} path={path} value={(value as Obj) ?? {}} errors={errors} onChange={(v) => onChange(Object.keys(v).length ? v : undefined)} />
      </fieldset>
    );
  }

  if (type === 'boolean') {
    return (
      <fieldset id={id} data-label={title} className={messages ? 'group inline invalid' : 'group inline'} aria-describedby={describedBy}>
        <legend><Label text={title} required={required} /></legend>
        {hint}
        {[true, false].map((b) => (
          <label key={String(b)} className="choice">
            <input type="radio" name={id} checked={value === b} onChange={() => onChange(b)} aria-invalid={!!messages || undefined} />
            {b ? t.form.yes : t.form.no}
          </label>
        ))}
        <FieldErrors id={errId} messages={messages} />
      </fieldset>
    );
  }

  if (type === 'array' && schema.items?.enum) {
    const selected = new Set(Array.isArray(value) ? value : []);
    return (
      <fieldset id={id} data-label={title} className={messages ? 'group inline invalid' : 'group inline'} aria-describedby={describedBy}>
        <legend><Label text={title} required={required} /></legend>
        {hint}
        {schema.items.enum.map((opt, i) => (
          <label key={String(opt)} className="choice">
            <input
              type="checkbox"
              checked={selected.has(opt)}
              onChange={(e) => {
                const next = schema.items!.enum!.filter((o) => (o === opt ? e.target.checked : selected.has(o)));
                onChange(next.length ? next : undefined);
              }}
            />
            <L>{optionName(schema.items!, i)}</L>
          </label>
        ))}
        <FieldErrors id={errId} messages={messages} />
      </fieldset>
    );
  }

  let control: ReactNode;
  const common = {
    id,
    'data-label': title,
    'aria-invalid': messages ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy,
  };
  if (schema.enum) {
    control = (
      <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? undefined : schema.enum!.find((o) => String(o) === e.target.value))}>
        <option value="">{t.form.choose}</option>
        {schema.enum.map((o, i) => <option key={String(o)} value={String(o)} lang={langOf(optionName(schema, i))}>{optionName(schema, i)}</option>)}
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
        autoComplete={autocompleteFor(path, name ?? '')}
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
      {control}
      <FieldErrors id={errId} messages={messages} />
    </div>
  );
}
