import { sql, type Expression, type SqlBool } from 'kysely';
import { badInput } from './errors';
import { isUuid } from './ids';

/**
 * Relay-style connections over keyset (seek) pagination: a cursor holds the sort key of the last
 * row seen, so page 500 costs what page 1 costs and rows inserted meanwhile are neither skipped
 * nor repeated.
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  return n;
}

export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's sort key must be before it may reach SQL as a parameter. */
export type KeyPart = 'instant' | 'uuid' | 'text' | 'number' | 'integer';

const fits: Record<KeyPart, (v: unknown) => boolean> = {
  instant: (v) => typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)),
  uuid: isUuid,
  // PostgreSQL cannot hold NUL in text: a cursor carrying one is forged.
  text: (v) => typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000'),
  number: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^-?\d{1,30}(\.\d{1,30})?(e-?\d{1,3})?$/i.test(v)),
  integer: (v) => (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?\d{1,19}$/.test(v)),
};

/**
 * The sort key inside a cursor. Cursors are checked, not signed: a client may only ever forge a
 * position it could have paged to, and a signing key would have to be shared by every replica of
 * a department's subgraph. With `shape`, each part is checked, so a forged cursor is a clear input
 * error rather than a cast failure in SQL (a 500 with the database's words); a bare arity checks
 * only the length, for callers that check the parts themselves.
 */
export function decodeCursor(cursor: string | null | undefined, shape: number | readonly KeyPart[]): unknown[] | null {
  if (cursor == null || cursor === '') return null;
  const parts = typeof shape === 'number' ? null : shape;
  const arity = parts ? parts.length : (shape as number);
  try {
    const key: unknown = cursor.length <= 2000 ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
    if (Array.isArray(key) && key.length === arity && (!parts || parts.every((p, i) => fits[p](key[i])))) return key;
  } catch {
    // fall through to the error below
  }
  throw badInput('after is not a valid cursor.');
}

/**
 * `(c1, c2) < (v1, v2)` (or `>`): the rows strictly after a cursor when every key column sorts the
 * same way. Row-value comparison lets Postgres use one composite index for it.
 */
export function keysetAfter(columns: string[], values: unknown[], direction: 'asc' | 'desc'): Expression<SqlBool> {
  const op = direction === 'desc' ? sql.raw('<') : sql.raw('>');
  return sql<SqlBool>`(${sql.join(columns.map((c) => sql.ref(c)))}) ${op} (${sql.join(values)})`;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Counted only when a client asks for it. */
  totalCount: () => Promise<number>;
}

/** Builds a connection from up to `size + 1` rows (the extra row only tells there is a next page). */
export function toConnection<T>(
  rows: T[],
  size: number,
  keyOf: (row: T) => unknown[],
  count: () => Promise<number>,
  hadCursor = false,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count,
  };
}
