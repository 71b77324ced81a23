import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { byKey } from '../kit/loaders';
import type { SubgraphDeps } from '../kit/module';
import { loadSchema, type BaseContext, type SubgraphDefinition } from '../kit/server';

/** The applications subgraph: owns Application. */
type Row = { id: string; tracking_number: string; status: string };
interface Ctx extends BaseContext {
  application: DataLoader<string, Row | null>;
}

export const typeDefs = loadSchema(import.meta.url);

export function buildApplications(deps: SubgraphDeps): SubgraphDefinition<Ctx> {
  const db = deps.db as Kysely<{ applications: Row }>;
  return {
    name: 'applications',
    typeDefs,
    resolvers: {
      Query: { application: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.application.load(id) },
      Application: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.application.load(ref.id), trackingNumber: (r: Row) => r.tracking_number },
    } as never,
    context: (base) => ({
      ...base,
      application: new DataLoader(async (ids) =>
        byKey(ids, await db.selectFrom('applications').selectAll().where('id', 'in', [...ids]).execute(), (r) => r.id),
      ),
    }),
  };
}
