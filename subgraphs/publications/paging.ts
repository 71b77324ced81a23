import { badInput } from '../kit/errors';
import { decodeCursor, toConnection, type Connection } from '../kit/paging';
import { listKey, UUID, type ListKey } from './db/publications.repository';
import type { SearchKey } from './db/search.repository';
import type { PublicationRow } from './db/tables';

/** Cursors are checked before they reach SQL: a forged one is a clear input error, never a cast failure. */
const isInstant = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

export function decodeListCursor(after: string | null | undefined): ListKey | null {
  const key = decodeCursor(after, 2);
  if (key && !(isInstant(key[0]) && isId(key[1]))) throw badInput('after is not a valid cursor.');
  return key as ListKey | null;
}

export function decodeSearchCursor(after: string | null | undefined): SearchKey | null {
  const key = decodeCursor(after, 4);
  if (key && !((key[0] === 0 || key[0] === 1) && typeof key[1] === 'string' && /^-?\d+(\.\d+)?$/.test(key[1]) && isInstant(key[2]) && isId(key[3]))) {
    throw badInput('after is not a valid cursor.');
  }
  return key as SearchKey | null;
}

export function connectionOf(rows: PublicationRow[], size: number, after: ListKey | null, count: () => Promise<number>): Connection<PublicationRow> {
  return toConnection(rows, size, listKey, count, after !== null);
}
