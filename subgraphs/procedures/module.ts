import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seedProcedures } from './db/seed';
import { READS } from './resolvers/Mutation';
import { buildProcedures } from './server';

export const procedures: SubgraphModule = {
  name: 'procedures',
  migrations,
  build: buildProcedures,
  reads: READS,
  seed: seedProcedures,
};
