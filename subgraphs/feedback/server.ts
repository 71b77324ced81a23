import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { byKey } from '../kit/loaders';
import type { SubgraphDeps } from '../kit/module';
import { loadSchema, type BaseContext, type SubgraphDefinition } from '../kit/server';

/** The feedback subgraph: owns Feedback. */
type Row = { id: string; tracking_number: string; subject: string };
interface Ctx extends BaseContext {
  feedback: DataLoader<string, Row | null>;
}

export const typeDefs = loadSchema(import.meta.url);

export function buildFeedbacks(deps: SubgraphDeps): SubgraphDefinition<Ctx> {
  const db = deps.db as Kysely<{ feedback: Row }>;
  return {
    name: 'feedback',
    typeDefs,
    resolvers: {
      Query: { feedbackItem: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.feedback.load(id) },
      Feedback: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.feedback.load(ref.id), trackingNumber: (r: Row) => r.tracking_number },
    } as never,
    context: (base) => ({
      ...base,
      feedback: new DataLoader(async (ids) =>
        byKey(ids, await db.selectFrom('feedback').selectAll().where('id', 'in', [...ids]).execute(), (r) => r.id),
      ),
    }),
  };
}
