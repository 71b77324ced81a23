import { badInput } from '../kit/errors';
import { decodeCursor } from '../kit/paging';
import { isUuid } from './access';

/** The (timestamp, id) key inside an `after` cursor of an application list, or null without one. */
export function timeIdCursor(after: string | null | undefined): [Date, string] | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const at = new Date(String(key[0]));
  const id = String(key[1]);
  if (Number.isNaN(at.getTime()) || !isUuid(id)) throw badInput('after is not a valid cursor.');
  return [at, id];
}

export const timeIdKey = (at: Date, id: string) => [at.toISOString(), id];

/** A filter id that is not a UUID matches nothing (rather than failing in Postgres). */
export const NO_ID = '00000000-0000-0000-0000-000000000000';
export const filterId = (id: string | null | undefined) => (id ? (isUuid(id) ? id : NO_ID) : null);
