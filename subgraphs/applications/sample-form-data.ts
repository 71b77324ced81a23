/**
 * Builds form data that satisfies a procedure's application form (the JSON Schema subset the
 * demo catalogue uses), varied by `n`: demo applications and tests fill forms like a person would.
 */
type Schema = Record<string, any>;

export interface SamplePerson {
  fullName: string;
  email: string;
}

const TEXT: Record<string, string[]> = {
  street: ['12 Harbour Lane', '4 Elm Street', '88 Station Square', '3 Mill Road'],
  postalCode: ['10115', '20095', '80331', '50667'],
  city: ['Springfield', 'Riverton', 'Lakeside', 'Hillview'],
  phone: ['+1 555 0199', '+1 555 0142'],
  taxNumber: ['123456789', '987654321', '555012345'],
  iban: ['DE89370400440532013000', 'GB29NWBK60161331926819'],
  licenceNumber: ['DL20240117', 'B7781234X'],
  plateNumber: ['AB-123-CD', 'XY 4711'],
};

export function sampleFormData(schema: Schema, n: number, person: SamplePerson): Record<string, unknown> {
  return value(schema, 'root', n, person) as Record<string, unknown>;
}

function value(s: Schema, key: string, n: number, person: SamplePerson): unknown {
  if (s.enum) return s.enum[n % s.enum.length];
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required: string[] = s.required ?? [];
      for (const [k, sub] of Object.entries<Schema>(s.properties ?? {})) {
        // Optional fields are filled in every other application, as people do.
        if (required.includes(k) || (n + k.length) % 2 === 0) out[k] = value(sub, k, n, person);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(s.minItems ?? 0, 1);
      const items = Array.from({ length: count }, (_, i) => value(s.items ?? {}, key, n + i, person));
      return s.uniqueItems ? [...new Set(items)] : items;
    }
    case 'boolean':
      return n % 3 !== 0;
    case 'integer': {
      const min = s.minimum ?? 0;
      const max = s.maximum ?? min + 100;
      return min + (n % (max - min + 1));
    }
    case 'number':
      return (s.minimum ?? 0) + 100 + (n % 50) * 25;
    case 'string':
      return text(s, key, n, person);
    default:
      return null;
  }
}

function text(s: Schema, key: string, n: number, person: SamplePerson): string {
  if (s.format === 'date') {
    const d = new Date(Date.UTC(1950 + (n % 50), n % 12, 1 + (n % 28)));
    return d.toISOString().slice(0, 10);
  }
  if (s.format === 'email') return person.email;
  if (key === 'fullName') return person.fullName;
  const options = TEXT[key];
  // A field with a pattern needs a value made for it: fail loudly rather than seed invalid data.
  if (s.pattern && !options) throw new Error(`no sample value for patterned field ${key}`);
  const t = options ? options[n % options.length] : `${s.title ?? key} ${1 + (n % 9)}`;
  return t.slice(0, s.maxLength ?? 200);
}
