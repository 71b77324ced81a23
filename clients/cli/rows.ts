/**
 * Turns a GraphQL result into rows and columns, the way an analyst wants it in a spreadsheet:
 *
 * - The rows are the first list of objects in the result, in the query's field order (a
 *   connection's `edges[].node` counts as its list of nodes), or the list at `rowsPath`
 *   (`department.applicationStats.byStatus`). With no list, or `single`, the whole result is one
 *   row (its lists of objects then JSON text).
 * - Nested objects become dotted columns (`applicationStats.submitted`).
 * - Lists of scalars are joined with `; ` in one cell; lists of objects inside a row are kept
 *   as JSON text in one cell (pick them with `rowsPath` to get them as rows of their own).
 * - The plain fields of the objects above the list repeat on every row as context columns,
 *   named by their full path (`department.code`), so each row stands on its own.
 * - null is an empty cell; columns are the union over all rows, in first-seen order.
 */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;
export interface Table {
  columns: string[];
  rows: Row[];
  /** Where the rows came from (`department.procedures.edges.node`), or '' for a single row. */
  source: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => v === null || typeof v !== 'object';
const isConnection = (v: unknown): v is { edges: unknown[] } => isObj(v) && Array.isArray(v.edges);

/** A list's items as rows: an edge becomes its node (its cursor is for paging, not analysis). */
function items(list: unknown[]): unknown[] {
  return list.map((item) => (isObj(item) && 'node' in item ? item.node : item));
}

/** The cell for a value that does not get columns of its own. */
function cell(value: unknown): Cell {
  if (isScalar(value)) return value as Cell;
  if (Array.isArray(value) && value.every(isScalar)) return value.map((v) => (v === null ? '' : String(v))).join('; ');
  return JSON.stringify(value);
}

function flatten(value: Obj, prefix: string, into: Row): Row {
  for (const [key, v] of Object.entries(value)) {
    if (isObj(v)) flatten(v, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = cell(v);
  }
  return into;
}

interface Found {
  path: string[];
  list: unknown[];
  /** The objects above the list with their paths, outermost first. */
  ancestors: { path: string[]; value: Obj }[];
}

/** Depth-first, in field order: the first list whose items are objects. */
function findList(value: Obj, path: string[], ancestors: Found['ancestors']): Found | undefined {
  const here = [...ancestors, { path, value }];
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v) && v.some(isObj)) return { path: [...path, key], list: v, ancestors: here };
    if (isObj(v)) {
      const found = findList(v, [...path, key], here);
      if (found) return found;
    }
  }
  return undefined;
}

/** Follows a dotted path (`department.procedures`); a connection on the way resolves to its edges. */
function atPath(data: Obj, rowsPath: string): Found | { single: Obj; path: string[] } {
  let value: unknown = data;
  const path: string[] = [];
  const ancestors: Found['ancestors'] = [];
  for (const key of rowsPath.split('.').filter(Boolean)) {
    if (!isObj(value)) throw new Error(`--rows ${rowsPath}: nothing at ${[...path, key].join('.')}`);
    ancestors.push({ path: [...path], value });
    path.push(key);
    value = value[key];
  }
  if (isConnection(value)) {
    ancestors.push({ path: [...path], value });
    return { path: [...path, 'edges'], list: value.edges, ancestors };
  }
  if (Array.isArray(value)) return { path, list: value, ancestors };
  if (isObj(value)) return { single: value, path };
  throw new Error(`--rows ${rowsPath}: ${value === undefined ? 'no such field' : 'not an object or a list'} in the result`);
}

/** `rows`: the dotted path of the list to use as rows; `single`: the whole result as one row. */
export function toTable(data: unknown, { rows: rowsPath, single = false }: { rows?: string; single?: boolean } = {}): Table {
  if (!isObj(data)) return { columns: [], rows: [], source: '' };
  const found = single
    ? { single: data, path: [] }
    : rowsPath
      ? atPath(data, rowsPath)
      : (findList(data, [], []) ?? { single: data, path: [] });
  let rows: Row[];
  let source: string;
  if ('single' in found) {
    const prefix = found.path.length ? `${found.path.join('.')}.` : '';
    rows = [flatten(found.single, prefix, {})];
    source = found.path.join('.');
  } else {
    // Context: the plain fields of every object above the list, except a connection's own
    // (`totalCount`, `pageInfo` describe the list, not a row).
    const context: Row = {};
    for (const { path, value } of found.ancestors) {
      if (isConnection(value) && value.edges === found.list) continue;
      const prefix = path.length ? `${path.join('.')}.` : '';
      for (const [key, v] of Object.entries(value)) {
        if (isScalar(v) || (Array.isArray(v) && v.every(isScalar))) context[`${prefix}${key}`] = cell(v);
      }
    }
    const nodes = items(found.list);
    const node = found.list.some((i) => isObj(i) && 'node' in i);
    source = [...found.path, ...(node ? ['node'] : [])].join('.');
    rows = nodes.map((item) => (isObj(item) ? flatten(item, '', { ...context }) : { ...context, value: cell(item) }));
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { columns, rows, source };
}
