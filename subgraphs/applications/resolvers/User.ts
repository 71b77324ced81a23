import { forbidden, requireRole } from '../../kit/errors';
import { hasRole } from '../../../core/identity';
import { pageSize, toConnection } from '../../kit/paging';
import { timeIdCursor, timeIdKey } from '../cursors';
import type { ApplicationRow } from '../db/tables';
import type { UserResolvers } from '../generated/resolvers';

export const User: UserResolvers = {
  __resolveReference: (ref) => ref,

  // A person's applications are their own business (analysts and admins read everything).
  applications: async (user, args, ctx) => {
    requireRole(ctx.identity);
    if (ctx.identity.userId !== user.id && !hasRole(ctx.identity, 'ANALYST', 'ADMIN')) {
      throw forbidden('Only the applicant may list their applications.');
    }
    const size = pageSize(args.first);
    const after = timeIdCursor(args.after);
    const rows = await ctx.loaders.applicantPage(size + 1, after).load(user.id);
    for (const r of rows) ctx.loaders.application.prime(r.id, r);
    return toConnection<ApplicationRow>(rows, size, (r) => timeIdKey(r.submitted_at, r.id), () => ctx.loaders.applicantCount.load(user.id), !!after);
  },
};
