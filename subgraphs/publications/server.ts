import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { byKey } from '../kit/loaders';
import type { SubgraphDeps } from '../kit/module';
import { loadSchema, type BaseContext, type SubgraphDefinition } from '../kit/server';

/** The publications subgraph: owns Publication. */
type Row = { id: string; slug: string; title: string };
interface Ctx extends BaseContext {
  publication: DataLoader<string, Row | null>;
}

export const typeDefs = loadSchema(import.meta.url);

export function buildPublications(deps: SubgraphDeps): SubgraphDefinition<Ctx> {
  const db = deps.db as Kysely<{ publications: Row }>;
  return {
    name: 'publications',
    typeDefs,
    resolvers: {
      Query: { publication: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.publication.load(id) },
      Publication: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.publication.load(ref.id) },
    } as never,
    context: (base) => ({
      ...base,
      publication: new DataLoader(async (ids) =>
        byKey(ids, await db.selectFrom('publications').selectAll().where('id', 'in', [...ids]).execute(), (r) => r.id),
      ),
    }),
  };
}
