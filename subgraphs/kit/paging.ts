import { sql, type Expression, type SqlBool } from 'kysely';
import { badInput } from './errors';

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

/** The sort key inside a cursor; a cursor that was not made here is a clear input error. */
export function decodeCursor(cursor: string | null | undefined, arity: number): unknown[] | null {
  if (cursor == null || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity) return key;
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
