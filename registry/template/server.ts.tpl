import type { SubgraphDeps } from '../kit/module';
import { loadSchema, UNTIL_A_MUTATION, type SubgraphDefinition } from '../kit/server';
import type { Db } from './db/tables';
import type { Resolvers } from './generated/resolvers';
import { createLoaders, type __Pascal__Context } from './loaders';
import { Department } from './resolvers/Department';
import { Entry } from './resolvers/Entry';
import { Query } from './resolvers/Query';

export const typeDefs = loadSchema(import.meta.url);

/** Builds the __name__ subgraph. Does not listen (index.ts does). */
export function build__Pascal__(deps: Pick<SubgraphDeps, 'db'>): SubgraphDefinition<__Pascal__Context> {
  const db = deps.db as Db;
  return {
    name: '__name__',
    // Public answers from this data may be kept by the gateway until a mutation (at most 60 s).
    // Data that changes without one (a clock, an outside feed) needs a shorter max-age, or none.
    cache: UNTIL_A_MUTATION,
    typeDefs,
    // Every mutation by staff is recorded in this subgraph's audit log (subgraphs/kit/audit.ts):
    // call ctx.audit.record(trx, { target }) inside the transaction of each change.
    audit: { db },
    resolvers: { Query, __Pascal__Entry: Entry, Department } satisfies Resolvers,
    context: (base) => ({ ...base, db, loaders: createLoaders(db) }),
  };
}
