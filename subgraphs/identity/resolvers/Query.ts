import { badInput, requireRole } from '../../kit/errors';
import { listDepartments } from '../db/departments.repository';
import type { IdentityContext } from '../loaders';

export const Query = {
  // Who am I: only for someone signed in (anonymous callers get UNAUTHENTICATED, as the contract says).
  me: (_: unknown, __: unknown, ctx: IdentityContext) => ctx.loaders.user.load(requireRole(ctx.identity)),

  departments: (_: unknown, __: unknown, ctx: IdentityContext) => listDepartments(ctx.db),

  department: (_: unknown, args: { id?: string | null; code?: string | null }, ctx: IdentityContext) => {
    if (args.id) return ctx.loaders.department.load(args.id);
    if (args.code) return ctx.loaders.departmentByCode.load(args.code.toUpperCase());
    throw badInput('Give the department id or code.');
  },
};
