import type { Generated, Kysely } from 'kysely';

/** The __name__ subgraph's tables, in its own `__name__` schema. */
export interface EntryTable {
  id: string;
  title: string;
  description: string;
  /** A department of the identity subgraph: referred to by id, never joined. */
  department_id: string;
  created_at: Generated<Date>;
}

export interface __Pascal__DB {
  entries: EntryTable;
}

export type Db = Kysely<__Pascal__DB>;
export type EntryRow = Omit<EntryTable, 'created_at'> & { created_at: Date };
