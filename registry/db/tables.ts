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

/** A department's credential for one subgraph name; the credential itself is never stored. */
export interface CredentialTable {
  id: string;
  subgraph: string;
  token_hash: string;
  issued_by: string;
  issued_at: Generated<Date>;
  revoked_by: string | null;
  revoked_at: Date | null;
}

export interface RegistryDB {
  subgraph_versions: SubgraphVersionTable;
  supergraphs: SupergraphTable;
  credentials: CredentialTable;
}

export type RegistryDb = Kysely<RegistryDB>;
export type SubgraphVersionRow = Omit<SubgraphVersionTable, 'published_at'> & { published_at: Date };
export type SupergraphRow = Omit<SupergraphTable, 'version' | 'published_at'> & { version: number; published_at: Date };
export type CredentialRow = Omit<CredentialTable, 'issued_at'> & { issued_at: Date };
