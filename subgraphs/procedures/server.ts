import type { SubgraphDeps } from '../kit/module';
import { loadSchema, UNTIL_A_MUTATION, type SubgraphDefinition } from '../kit/server';
import type { Db } from './db/tables';
import type { Resolvers } from './generated/resolvers';
import { createLoaders, type ProceduresContext } from './loaders';
import { Department } from './resolvers/Department';
import { Mutation } from './resolvers/Mutation';
import { ApplicationForm, Faq, Fee, Form, Procedure, ProcedureStep, RequiredDocument } from './resolvers/Procedure';
import { Query } from './resolvers/Query';

export const typeDefs = loadSchema(import.meta.url);

/** Builds the procedures subgraph: the service catalogue and its application forms. Does not listen. */
export function buildProcedures(deps: SubgraphDeps): SubgraphDefinition<ProceduresContext> {
  const db = deps.db as Db;
  return {
    name: 'procedures',
    cache: UNTIL_A_MUTATION,
    typeDefs,
    audit: { db },
    resolvers: { Query, Mutation, Procedure, ProcedureStep, RequiredDocument, Fee, Faq, Form, ApplicationForm, Department } satisfies Resolvers,
    context: (base) => ({ ...base, db, publicReads: deps.publicReads as Db, deps, loaders: createLoaders(db, deps.publicReads as Db) }),
  };
}
