import { badInput, forbidden, requireRole } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { listDepartments } from '../db/departments.repository';
import { findSessionStates } from '../db/users.repository';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  // Who am I: only for someone signed in (anonymous callers get UNAUTHENTICATED, as the contract says).
  me: (_, __, ctx) => ctx.loaders.user.load(requireRole(ctx.identity)),

  departments: (_, __, ctx) => listDepartments(ctx.db),

  // Only the gateway's session check (gateway/session-check.ts) asks; not in the public graph.
  sessionStates: async (_, args, ctx) => {
    if (ctx.identity.service !== 'gateway') throw forbidden();
    const rows = await findSessionStates(ctx.db, args.userIds.filter(isUuid).slice(0, 100));
    return rows.map((r) => ({ userId: r.id, version: r.session_version, active: r.active }));
  },

  department: (_, args, ctx) => {
    if (args.id) return isUuid(args.id) ? ctx.loaders.department.load(args.id) : null;
    if (args.code) return ctx.loaders.departmentByCode.load(args.code.toUpperCase());
    throw badInput('Give the department id or code.');
  },
};
