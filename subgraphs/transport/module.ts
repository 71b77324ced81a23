import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seedTransport } from './db/seed';
import type { Db } from './db/tables';
import { buildTransport } from './server';

/**
 * A department's own subgraph. It is not in rover.yaml: the department runs it and publishes it to
 * the schema registry (`npm run subgraph -- publish`), and the gateway picks it up at runtime.
 */
export const transport: SubgraphModule = {
  name: 'transport',
  migrations,
  build: buildTransport,
  seed: (deps) => seedTransport(deps.db as Db),
};
