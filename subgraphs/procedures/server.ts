import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { byKey } from '../kit/loaders';
import type { SubgraphDeps } from '../kit/module';
import { loadSchema, type BaseContext, type SubgraphDefinition } from '../kit/server';

/** The procedures subgraph: owns Procedure. */
type Row = { id: string; code: string; title: string };
interface Ctx extends BaseContext {
  procedure: DataLoader<string, Row | null>;
}

export const typeDefs = loadSchema(import.meta.url);

export function buildProcedures(deps: SubgraphDeps): SubgraphDefinition<Ctx> {
  const db = deps.db as Kysely<{ procedures: Row }>;
  return {
    name: 'procedures',
    typeDefs,
    resolvers: {
      Query: { procedure: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.procedure.load(id) },
      Procedure: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.procedure.load(ref.id) },
    } as never,
    context: (base) => ({
      ...base,
      procedure: new DataLoader(async (ids) =>
        byKey(ids, await db.selectFrom('procedures').selectAll().where('id', 'in', [...ids]).execute(), (r) => r.id),
      ),
    }),
  };
}
