import type { Migration } from 'kysely';
import * as m0001 from './0001___name__';

/** Every migration of this subgraph, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001___name__': m0001,
};
