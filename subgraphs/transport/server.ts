import type { SubgraphDeps } from '../kit/module';
import { loadSchema, type SubgraphDefinition } from '../kit/server';
import type { Db } from './db/tables';
import type { Resolvers } from './generated/resolvers';
import { createLoaders, type TransportContext } from './loaders';
import { Department } from './resolvers/Department';
import { Query } from './resolvers/Query';
import { ServiceNotice, TransportRoute } from './resolvers/TransportRoute';

export const typeDefs = loadSchema(import.meta.url);

/** Builds the transport subgraph: public transport routes and service notices. Does not listen. */
export function buildTransport(deps: Pick<SubgraphDeps, 'db'>): SubgraphDefinition<TransportContext> {
  const db = deps.db as Db;
  return {
    name: 'transport',
    typeDefs,
    audit: { db },
    resolvers: { Query, TransportRoute, ServiceNotice, Department } satisfies Resolvers,
    context: (base) => ({ ...base, db, loaders: createLoaders(db) }),
  };
}
