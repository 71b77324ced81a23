import type { SubgraphDeps } from '../kit/module';
import { loadSchema, UNTIL_A_MUTATION, type SubgraphDefinition } from '../kit/server';
import { EventOutbox } from '../kit/event-outbox';
import type { Db } from './db/tables';
import type { Resolvers } from './generated/resolvers';
import { FormValidator } from './form-validation';
import { createLoaders, type ApplicationsContext } from './loaders';
import { DepartmentCodes } from '../kit/department-codes';
import { FormSchemas } from './answers';
import { purgeExpiredDocuments, PURGE_EVERY_MS } from './documents.retention';
import { Application, ApplicationEvent } from './resolvers/Application';
import { SupportingDocument } from './resolvers/SupportingDocument';
import { Department, WorkingCalendar } from './resolvers/Department';
import { Mutation } from './resolvers/Mutation';
import { Procedure } from './resolvers/Procedure';
import { Query } from './resolvers/Query';
import { User } from './resolvers/User';

export const typeDefs = loadSchema(import.meta.url);

/** Builds the applications subgraph: online applications and their handling. Does not listen. */
export function buildApplications(deps: SubgraphDeps): SubgraphDefinition<ApplicationsContext> {
  const db = deps.db as Db;
  // Compiled form validators outlive requests: a form version never changes once published.
  const forms = new FormValidator();
  const departmentCodes = new DepartmentCodes('Applications');
  const formSchemas = new FormSchemas();
  const events = new EventOutbox({ stream: 'applications', db, bus: deps.events ?? null });
  return {
    name: 'applications',
    cache: UNTIL_A_MUTATION,
    typeDefs,
    audit: { db },
    events,
    jobs: [{ name: 'purge expired supporting documents', everyMs: PURGE_EVERY_MS, run: () => purgeExpiredDocuments(db, deps.files) }],
    resolvers: { Query, Mutation, Application, ApplicationEvent, SupportingDocument, User, Procedure, Department, WorkingCalendar } satisfies Resolvers,
    context: (base) => ({ ...base, db, forms, departmentCodes, formSchemas, files: deps.files, publicUrl: deps.publicUrl, loaders: createLoaders(db), events }),
  };
}
