import { decodeCursor, pageSize, toConnection } from '../../kit/paging';
import type { DepartmentResolvers } from '../generated/resolvers';

/**
 * Department is owned by identity; this subgraph adds the department's procedures. Every department
 * of a response is served by one batched statement (loaders.ts, departmentProcedures).
 */
export const Department: DepartmentResolvers = {
  procedures: async (dept, args, ctx) => {
    const size = pageSize(args.first);
    const after = decodeCursor(args.after, ['text', 'uuid']);
    const { category, onlineOnly } = args.filter ?? {};
    const page = await ctx.loaders.departmentProcedures.load({ departmentId: dept.id, filter: { category, onlineOnly }, size, after });
    for (const r of page.rows) ctx.loaders.procedure.prime(r.id, r);
    return toConnection(page.rows, size, (r) => [r.title, r.id], page.total, !!after);
  },
};
