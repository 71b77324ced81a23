import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seed__Pascal__ } from './db/seed';
import type { Db } from './db/tables';
import { build__Pascal__ } from './server';

/**
 * The __name__ department's subgraph. It is not in rover.yaml: the department runs it and publishes
 * it to the schema registry (`npm run subgraph -- publish`); the gateway picks it up at runtime.
 */
export const __camel__: SubgraphModule = {
  name: '__name__',
  migrations,
  build: build__Pascal__,
  seed: (deps) => seed__Pascal__(deps.db as Db),
};
