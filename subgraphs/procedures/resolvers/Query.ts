import { badInput } from '../../kit/errors';
import type { QueryResolvers } from '../generated/resolvers';
import { procedureConnection, searchConnection } from './connections';

export const Query: QueryResolvers = {
  procedure: (_, args, ctx) => {
    if (args.id) return UUID.test(args.id) ? ctx.loaders.procedure.load(args.id) : null;
    if (args.code) return ctx.loaders.procedureByCode.load(args.code.trim().toUpperCase());
    throw badInput('Give the procedure id or code.');
  },

  procedures: (_, args, ctx) =>
    procedureConnection(ctx, { ...args.filter, departmentId: validId(args.filter?.departmentId) }, args.first, args.after),

  searchProcedures: (_, args, ctx) =>
    searchConnection(ctx, args.text, args.first, args.after),
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed department id matches nothing rather than failing in SQL. */
function validId(id: string | null | undefined): string | null {
  if (id == null) return null;
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
