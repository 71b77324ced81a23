import type { SubgraphModule } from '../kit/module';
import { migrations } from './db/migrations/index';
import { seedIdentity } from './db/seed';
import type { Db } from './db/users.repository';
import { buildIdentity } from './server';

export const identity: SubgraphModule = {
  name: 'identity',
  migrations,
  build: buildIdentity,
  seed: (deps) => seedIdentity(deps.db as Db, deps.passwordHashCost),
};
