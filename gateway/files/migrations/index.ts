import type { Migration } from 'kysely';
import * as m0001 from './0001_files';
import * as m0002 from './0002_private_files';

/** The file store's migrations (schema `files`), oldest first. */
export const migrations: Record<string, Migration> = {
  '0001_files': m0001,
  '0002_private_files': m0002,
};
