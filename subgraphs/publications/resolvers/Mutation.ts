import {
  archivePublication,
  createPublication,
  publishPublication,
  updatePublication,
  type CreateInput,
  type UpdateInput,
} from '../editorial';
import type { PublicationsContext } from '../loaders';

export const Mutation = {
  createPublication: (_: unknown, { input }: { input: CreateInput }, ctx: PublicationsContext) => createPublication(ctx, input),
  updatePublication: (_: unknown, { input }: { input: UpdateInput }, ctx: PublicationsContext) => updatePublication(ctx, input),
  publishPublication: (_: unknown, args: { id: string; at?: Date | null }, ctx: PublicationsContext) => publishPublication(ctx, args.id, args.at),
  archivePublication: (_: unknown, args: { id: string }, ctx: PublicationsContext) => archivePublication(ctx, args.id),
};
