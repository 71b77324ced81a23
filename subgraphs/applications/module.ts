import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { buildApplications } from './server';

export const applications: SubgraphModule = {
  name: 'applications',
  migrations,
  build: buildApplications,
};
