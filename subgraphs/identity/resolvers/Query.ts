import { badInput, requireRole } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { listDepartments } from '../db/departments.repository';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  // Who am I: only for someone signed in (anonymous callers get UNAUTHENTICATED, as the contract says).
  me: (_, __, ctx) => ctx.loaders.user.load(requireRole(ctx.identity)),

  departments: (_, __, ctx) => listDepartments(ctx.db),

  department: (_, args, ctx) => {
    if (args.id) return isUuid(args.id) ? ctx.loaders.department.load(args.id) : null;
    if (args.code) return ctx.loaders.departmentByCode.load(args.code.toUpperCase());
    throw badInput('Give the department id or code.');
  },
};
