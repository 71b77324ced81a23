import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seedApplications } from './db/seed';
import type { Db } from './db/tables';
import { READS } from './procedures-client';
import { buildApplications } from './server';

export const applications: SubgraphModule = {
  name: 'applications',
  migrations,
  build: buildApplications,
  reads: READS,
  seed: (deps) => seedApplications(deps.db as Db),
};
