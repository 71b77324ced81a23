import { LRUCache } from 'lru-cache';
import { orderedFields } from '../../core/form-order';
import type { Language } from '../../core/language';
import type { ServiceGraph } from '../kit/service-graph';
import { formVersion } from './procedures-client';

interface FieldSchema {
  type?: string | string[];
  title?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  'x-order'?: string[];
}

export interface FormAnswer {
  field: string;
  label: string;
  value: string;
}

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

function display(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.map(display).join(', ');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The answers of `data` labelled by `schema`'s titles, in the form's order, groups flattened
 * (`Applicant › Date of birth`); fields left empty are left out. A key the form does not know
 * (data stored before a form changed) comes last under its own name, so nothing is hidden.
 */
export function formAnswers(schema: FieldSchema, data: unknown, path = '', label = ''): FormAnswer[] {
  const obj = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const out: FormAnswer[] = [];
  const known = new Set<string>();
  for (const [key, child] of orderedFields<FieldSchema>(schema)) {
    known.add(key);
    const value = obj[key];
    if (value === undefined || value === null || value === '') continue;
    const field = path ? `${path}.${key}` : key;
    const title = child.title ?? humanize(key);
    const full = label ? `${label} › ${title}` : title;
    if (child.properties && typeof value === 'object' && !Array.isArray(value)) out.push(...formAnswers(child, value, field, full));
    else out.push({ field, label: full, value: display(value) });
  }
  for (const [key, value] of Object.entries(obj)) {
    if (known.has(key) || value === undefined || value === null) continue;
    out.push({ field: path ? `${path}.${key}` : key, label: label ? `${label} › ${key}` : key, value: display(value) });
  }
  return out;
}

/**
 * Published form versions never change, so each is asked of the procedures subgraph once per
 * process and language (requests asking at the same moment share one call). The graph answers a
 * form's labels in the language of the request it serves, so the language is part of the key: a
 * case file read in Chinese first must not label another officer's in Chinese.
 */
export class FormSchemas {
  private readonly cache = new LRUCache<string, Promise<FieldSchema | null>>({ max: 500 });

  get(graph: ServiceGraph, procedureId: string, version: number, language: Language): Promise<FieldSchema | null> {
    const key = `${procedureId}@${version}@${language}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = formVersion(graph, procedureId, version).then((f) => (f?.schema as FieldSchema) ?? null);
      // A failed read is not remembered: the next request asks again.
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
    }
    return hit;
  }
}
