import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seedPublications } from './db/seed';
import { READS } from './editorial-input';
import { buildPublications } from './server';

export const publications: SubgraphModule = {
  name: 'publications',
  migrations,
  build: buildPublications,
  reads: READS,
  seed: seedPublications,
};
