import { OperationTypeNode, parse, valueFromASTUntyped, type DocumentNode } from 'graphql';

/** What the response cache needs of a document: which operation runs, and which variables it reads. */
export interface OperationShape {
  kind: OperationTypeNode | 'invalid';
  /** The operation's own name, so naming the only operation or leaving it out is one key. */
  name: string | null;
  /** Declared variables, in declaration order, with their default values (as JSON). */
  variables: { name: string; hasDefault: boolean; default: unknown }[];
  /** The parsed document, to read an answer's entities with (gateway/cache-tags.ts). */
  document?: DocumentNode;
}

const INVALID: OperationShape = { kind: 'invalid', name: null, variables: [] };

/** The operation a request runs; 'invalid' when it does not parse or names no single operation (Apollo answers those). */
export function shapeOf(query: string, operationName: string | undefined, maxTokens: number): OperationShape {
  try {
    const document = parse(query, { maxTokens });
    const ops = document.definitions.filter((d) => d.kind === 'OperationDefinition');
    const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
    if (!op) return INVALID;
    return {
      document,
      kind: op.operation,
      name: op.name?.value ?? null,
      variables: (op.variableDefinitions ?? []).map((d) => ({
        name: d.variable.name.value,
        hasDefault: !!d.defaultValue,
        default: d.defaultValue ? valueFromASTUntyped(d.defaultValue) : undefined,
      })),
    };
  } catch {
    return INVALID;
  }
}

/**
 * The variables that can change the answer, as a canonical JSON string, or null when the
 * variables are not an object (Apollo refuses those; a cached answer must not be served instead).
 *
 * Only declared variables are kept: anything else is ignored by GraphQL, so a client adding junk
 * variables gets the same entry, not a new one. A declared variable left out takes its default,
 * because GraphQL runs it so (`{}` and `{"first": 10}` under `$first: Int = 10` are one answer);
 * an explicit null stays null, and one left out without a default stays left out: both can mean
 * something else to the field (null, or the argument's own default). Object keys are sorted, so
 * their order makes no new entry either.
 */
export function variablesKey(shape: OperationShape, sent: unknown): string | null {
  if (sent === undefined || sent === null) sent = {};
  if (typeof sent !== 'object' || Array.isArray(sent)) return null;
  const given = sent as Record<string, unknown>;
  const kept: [string, unknown][] = [];
  for (const v of shape.variables) {
    if (Object.hasOwn(given, v.name)) kept.push([v.name, canonical(given[v.name])]);
    else if (v.hasDefault) kept.push([v.name, canonical(v.default)]);
  }
  return JSON.stringify(kept);
}

/** JSON with object keys in order; throws (RangeError) on absurd nesting, which the caller treats as uncacheable. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
  }
  return value;
}
