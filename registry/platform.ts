import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { buildManifest } from '../core/operations';
import type { RoverConfig } from '../schema/rover-config';
import { createDb } from '../subgraphs/kit/db';
import type { SubgraphSpec } from './check';
import type { RegistryDB } from './db/tables';
import { Registry } from './registry';

/** The Postgres schema the platform's registry lives in. */
export const REGISTRY_SCHEMA = 'registry';

/** The trusted client operations, read from their source files so a check never uses a stale manifest. */
export const clientOperations = () => buildManifest().operations;

/** rover.yaml's subgraphs as the registry stores them: name, routing URL, SDL. */
export function builtinSpecs(config: RoverConfig): SubgraphSpec[] {
  return config.subgraphs.map((s) => ({ name: s.name, url: s.routingUrl, sdl: readFileSync(s.schemaFile, 'utf8') }));
}

/** Opens (migrates) the registry in `schema` of the pool's database. */
export function openRegistry(pool: pg.Pool, schema = REGISTRY_SCHEMA): Promise<Registry> {
  return Registry.open(createDb<RegistryDB>(pool, schema), schema, clientOperations());
}
