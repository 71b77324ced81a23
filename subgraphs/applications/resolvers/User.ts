import { forbidden, requireRole } from '../../kit/errors';
import { hasRole } from '../../../core/identity';
import { pageSize, toConnection } from '../../kit/paging';
import { timeIdCursor, timeIdKey } from '../cursors';
import { countByApplicant, listByApplicant } from '../db/applications.repository';
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
    const rows = await listByApplicant(ctx.db, user.id, after, size + 1);
    for (const r of rows) ctx.loaders.application.prime(r.id, r);
    return toConnection<ApplicationRow>(rows, size, (r) => timeIdKey(r.submitted_at, r.id), () => countByApplicant(ctx.db, user.id), !!after);
  },
};
