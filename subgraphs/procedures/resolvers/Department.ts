import type { ProcedureFilter } from '../db/procedures.repository';
import type { ProceduresContext } from '../loaders';
import { procedureConnection } from './connections';

/** Department is owned by identity; this subgraph adds the department's procedures. */
export const Department = {
  procedures: (
    dept: { id: string },
    args: { filter?: ProcedureFilter | null; first?: number | null; after?: string | null },
    ctx: ProceduresContext,
  ) => procedureConnection(ctx, { ...args.filter, departmentId: dept.id }, args.first, args.after),
};
