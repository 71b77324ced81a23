/**
 * The order to show an object's fields in, shared by the portal (which renders the form) and the
 * applications subgraph (which labels the answers): stored as jsonb, a schema's `properties` lose
 * their authored order, so an explicit `x-order` list comes first, then the required fields in the
 * order of `required` (which survives), then the rest.
 */
export interface OrderedSchema {
  properties?: Record<string, unknown>;
  required?: string[];
  'x-order'?: string[];
}

export function orderedFields<S>(schema: { properties?: Record<string, S>; required?: string[]; 'x-order'?: string[] }): [string, S][] {
  const props = schema.properties ?? {};
  const keys = [...(schema['x-order'] ?? []), ...(schema.required ?? []), ...Object.keys(props)];
  return [...new Set(keys)].filter((k) => k in props).map((k) => [k, props[k]]);
}
