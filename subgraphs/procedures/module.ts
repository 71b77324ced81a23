import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { buildProcedures } from './server';

export const procedures: SubgraphModule = {
  name: 'procedures',
  migrations,
  build: buildProcedures,
};
