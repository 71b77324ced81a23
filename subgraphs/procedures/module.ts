import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seedProcedures } from './db/seed';
import { buildProcedures } from './server';

export const procedures: SubgraphModule = {
  name: 'procedures',
  migrations,
  build: buildProcedures,
  seed: seedProcedures,
};
