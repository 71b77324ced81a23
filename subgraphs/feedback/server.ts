import { EventOutbox } from '../kit/event-outbox';
import { DepartmentCodes } from '../kit/department-codes';
import type { SubgraphDeps } from '../kit/module';
import { loadSchema, UNTIL_A_MUTATION, type SubgraphDefinition } from '../kit/server';
import type { Db } from './db/tables';
import type { Resolvers } from './generated/resolvers';
import { createLoaders, type FeedbackContext } from './loaders';
import { Department } from './resolvers/Department';
import { Feedback, FeedbackReply } from './resolvers/Feedback';
import { Mutation } from './resolvers/Mutation';
import { Publication } from './resolvers/Publication';
import { Query } from './resolvers/Query';
import { User } from './resolvers/User';

export const typeDefs = loadSchema(import.meta.url);

/** Builds the feedback subgraph: complaints, suggestions, opinions and questions to departments. Does not listen. */
export function buildFeedback(deps: SubgraphDeps): SubgraphDefinition<FeedbackContext> {
  const db = deps.db as Db;
  const departmentCodes = new DepartmentCodes('Feedback');
  const events = new EventOutbox({ stream: 'feedback', db, bus: deps.events ?? null });
  return {
    name: 'feedback',
    cache: UNTIL_A_MUTATION,
    typeDefs,
    audit: { db },
    events,
    resolvers: { Query, Mutation, Feedback, FeedbackReply, User, Publication, Department } satisfies Resolvers,
    context: (base) => ({ ...base, db, departmentCodes, loaders: createLoaders(db), events }),
  };
}
