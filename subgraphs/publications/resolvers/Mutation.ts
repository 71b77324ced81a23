import {
  archivePublication,
  createPublication,
  publishPublication,
  updatePublication,
  type CreateInput,
  type UpdateInput,
} from '../editorial';
import type { PublicationsContext } from '../loaders';

/** Whatever a write changed may be in a remembered public count: forget them once it is done. */
const thenForgetCounts = <T>(ctx: PublicationsContext, write: Promise<T>) => write.finally(() => ctx.counts.forget());

export const Mutation = {
  createPublication: (_: unknown, { input }: { input: CreateInput }, ctx: PublicationsContext) => thenForgetCounts(ctx, createPublication(ctx, input)),
  updatePublication: (_: unknown, { input }: { input: UpdateInput }, ctx: PublicationsContext) => thenForgetCounts(ctx, updatePublication(ctx, input)),
  publishPublication: (_: unknown, args: { id: string; at?: Date | null }, ctx: PublicationsContext) =>
    thenForgetCounts(ctx, publishPublication(ctx, args.id, args.at)),
  archivePublication: (_: unknown, args: { id: string }, ctx: PublicationsContext) => thenForgetCounts(ctx, archivePublication(ctx, args.id)),
};
