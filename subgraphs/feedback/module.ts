import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seedFeedback } from './db/seed';
import type { Db } from './db/tables';
import { buildFeedback } from './server';
import { READS } from './submit';

export const feedback: SubgraphModule = {
  name: 'feedback',
  migrations,
  build: buildFeedback,
  reads: READS,
  seed: (deps) => seedFeedback(deps.db as Db),
};
