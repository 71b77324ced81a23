import {
  archivePublication,
  createPublication,
  publishPublication,
  updatePublication,
  type CreateInput,
  type UpdateInput,
} from '../editorial';
import type { PublicationsContext } from '../loaders';

const writes = {
  createPublication: (_: unknown, { input }: { input: CreateInput }, ctx: PublicationsContext) => createPublication(ctx, input),
  updatePublication: (_: unknown, { input }: { input: UpdateInput }, ctx: PublicationsContext) => updatePublication(ctx, input),
  publishPublication: (_: unknown, args: { id: string; at?: Date | null }, ctx: PublicationsContext) => publishPublication(ctx, args.id, args.at),
  archivePublication: (_: unknown, args: { id: string }, ctx: PublicationsContext) => archivePublication(ctx, args.id),
};

type Write = (parent: unknown, args: never, ctx: PublicationsContext) => Promise<unknown>;

/**
 * Whatever a write changed may be in a remembered public count, so every mutation of this
 * subgraph, those to come included, forgets them once it is done.
 */
export const Mutation = Object.fromEntries(
  Object.entries(writes as Record<string, Write>).map(([name, write]) => [
    name,
    (parent: unknown, args: never, ctx: PublicationsContext) => write(parent, args, ctx).finally(() => ctx.counts.forget()),
  ]),
) as typeof writes;
