import type { Migration } from 'kysely';
import * as m0001 from './0001_files';

/** The file store's migrations (schema `files`), oldest first. */
export const migrations: Record<string, Migration> = {
  '0001_files': m0001,
};
