import type { Migration } from 'kysely';
import * as m0001 from './0001_registry';
import * as m0002 from './0002_credentials';

/** Every migration of the registry, oldest first. Add new ones at the end; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001_registry': m0001,
  '0002_credentials': m0002,
};
