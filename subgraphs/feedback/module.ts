import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { buildFeedbacks } from './server';

export const feedback: SubgraphModule = {
  name: 'feedback',
  migrations,
  build: buildFeedbacks,
};
