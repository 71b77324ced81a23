import { createPublication, updatePublication } from '../editorial';
import { archivePublication, publishPublication, supersedePublication, unpublishPublication } from '../workflow';
import type { MutationResolvers } from '../generated/resolvers';
import type { PublicationsContext } from '../loaders';

/**
 * Whatever a write changed may be in a remembered public count, so every mutation of this
 * subgraph forgets them once it is done (`Required` below makes each new mutation of the SDL a
 * compile error here until it is added, through this).
 */
const forgettingCounts =
  <Args, Result>(write: (parent: unknown, args: Args, ctx: PublicationsContext) => Promise<Result>) =>
  (parent: unknown, args: Args, ctx: PublicationsContext) =>
    write(parent, args, ctx).finally(() => ctx.counts.forget());

export const Mutation = {
  createPublication: forgettingCounts((_, { input }, ctx) => createPublication(ctx, input)),
  updatePublication: forgettingCounts((_, { input }, ctx) => updatePublication(ctx, input)),
  publishPublication: forgettingCounts((_, args, ctx) => publishPublication(ctx, args.id, args.at)),
  archivePublication: forgettingCounts((_, args, ctx) => archivePublication(ctx, args.id, args.changeNote)),
  unpublishPublication: forgettingCounts((_, args, ctx) => unpublishPublication(ctx, args.id, args.changeNote)),
  supersedePublication: forgettingCounts((_, args, ctx) => supersedePublication(ctx, args.id, args.successorId, args.changeNote)),
} satisfies Required<MutationResolvers>;
