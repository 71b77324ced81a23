import type { Generated, Kysely } from 'kysely';

/** The registry's tables, in its own Postgres schema (`registry` by default). */
export interface SubgraphVersionTable {
  name: string;
  version: number;
  routing_url: string;
  sdl: string;
  published_by: string;
  published_at: Generated<Date>;
}

export interface SupergraphTable {
  version: Generated<number>;
  sdl: string;
  members: Record<string, number>;
  action: 'register' | 'publish' | 'rollback';
  subject: string | null;
  published_by: string;
  published_at: Generated<Date>;
}

export interface RegistryDB {
  subgraph_versions: SubgraphVersionTable;
  supergraphs: SupergraphTable;
}

export type RegistryDb = Kysely<RegistryDB>;
export type SubgraphVersionRow = Omit<SubgraphVersionTable, 'published_at'> & { published_at: Date };
export type SupergraphRow = Omit<SupergraphTable, 'version' | 'published_at'> & { version: number; published_at: Date };
