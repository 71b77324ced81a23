import { badInput } from '../../kit/errors';
import type { ProcedureFilter } from '../db/procedures.repository';
import type { ProceduresContext } from '../loaders';
import { procedureConnection, searchConnection } from './connections';

type Page = { first?: number | null; after?: string | null };

export const Query = {
  procedure: (_: unknown, args: { id?: string | null; code?: string | null }, ctx: ProceduresContext) => {
    if (args.id) return UUID.test(args.id) ? ctx.loaders.procedure.load(args.id) : null;
    if (args.code) return ctx.loaders.procedureByCode.load(args.code.trim().toUpperCase());
    throw badInput('Give the procedure id or code.');
  },

  procedures: (_: unknown, args: Page & { filter?: ProcedureFilter | null }, ctx: ProceduresContext) =>
    procedureConnection(ctx, { ...args.filter, departmentId: validId(args.filter?.departmentId) }, args.first, args.after),

  searchProcedures: (_: unknown, args: Page & { text: string }, ctx: ProceduresContext) =>
    searchConnection(ctx, args.text, args.first, args.after),
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed department id matches nothing rather than failing in SQL. */
function validId(id: string | null | undefined): string | null {
  if (id == null) return null;
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
