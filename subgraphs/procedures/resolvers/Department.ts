import type { DepartmentResolvers } from '../generated/resolvers';
import { procedureConnection } from './connections';

/** Department is owned by identity; this subgraph adds the department's procedures. */
export const Department: DepartmentResolvers = {
  procedures: (dept, args, ctx) => procedureConnection(ctx, { ...args.filter, departmentId: dept.id }, args.first, args.after),
};
