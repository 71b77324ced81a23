/**
 * Input no subgraph should ever see, refused at the front door with a 400 and a stable code:
 * - NUL (U+0000) in any string of the request: PostgreSQL cannot store it, so it would come back
 *   as a database error from whichever subgraph got it first;
 * - variables nested deeper or holding more values than any client's operation needs, which only
 *   cost every hop (coercion, query planning, subgraphs' JSON) work and stack.
 * The body limit already bounds the bytes; these bound the shape.
 */
export const MAX_VARIABLES_DEPTH = 24;
export const MAX_VARIABLE_VALUES = 10_000;

export type InputRefusal = [400, 'INVALID_CHARACTER' | 'VARIABLES_LIMIT', string];

const NUL = '\u0000';
/** A GraphQL string literal spells NUL as an escape. */
const NUL_ESCAPE = /\\u0000/i;

const nulRefusal = (where: string): InputRefusal => [400, 'INVALID_CHARACTER', `${where} contains a NUL character (\\u0000), which is not accepted.`];

/** One operation of a request (a POST body, or a GET's parameters with `variables` as JSON text). */
export function checkInput(op: { query?: unknown; operationName?: unknown; variables?: unknown }): InputRefusal | null {
  if (typeof op.query === 'string' && (op.query.includes(NUL) || NUL_ESCAPE.test(op.query))) return nulRefusal('The query');
  if (typeof op.operationName === 'string' && op.operationName.includes(NUL)) return nulRefusal('The operation name');
  let variables = op.variables;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      return null; // Apollo answers unparsable variables itself.
    }
  }
  return checkVariables(variables);
}

/** Walks the variables without recursion, so no nesting can overflow the stack. */
export function checkVariables(variables: unknown): InputRefusal | null {
  if (variables == null || typeof variables !== 'object') return null;
  const stack: [unknown, number][] = [[variables, 1]];
  let values = 0;
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (++values > MAX_VARIABLE_VALUES) return [400, 'VARIABLES_LIMIT', `The variables may hold at most ${MAX_VARIABLE_VALUES} values.`];
    if (typeof value === 'string') {
      if (value.includes(NUL)) return nulRefusal('A variable');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_VARIABLES_DEPTH) return [400, 'VARIABLES_LIMIT', `The variables may be nested at most ${MAX_VARIABLES_DEPTH} levels deep.`];
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(NUL)) return nulRefusal('A variable');
      stack.push([child, depth + 1]);
    }
  }
  return null;
}
