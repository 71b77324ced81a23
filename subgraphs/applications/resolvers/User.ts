import { badInput, forbidden, requireRole } from '../../kit/errors';
import { hasRole } from '../../kit/identity';
import { decodeCursor, pageSize, toConnection, type PageArgs } from '../../kit/paging';
import { isUuid } from '../access';
import { countByApplicant, listByApplicant } from '../db/applications.repository';
import type { ApplicationRow } from '../db/tables';
import type { ApplicationsContext } from '../loaders';

export const User = {
  __resolveReference: (ref: { id: string }) => ref,

  // A person's applications are their own business (analysts and admins read everything).
  applications: async (user: { id: string }, args: PageArgs, ctx: ApplicationsContext) => {
    requireRole(ctx.identity);
    if (ctx.identity.userId !== user.id && !hasRole(ctx.identity, 'ANALYST', 'ADMIN')) {
      throw forbidden('Only the applicant may list their applications.');
    }
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const after = cursor ? ([new Date(String(cursor[0])), String(cursor[1])] as [Date, string]) : null;
    if (after && (Number.isNaN(after[0].getTime()) || !isUuid(after[1]))) throw badInput('after is not a valid cursor.');
    const rows = await listByApplicant(ctx.db, user.id, after, size + 1);
    for (const r of rows) ctx.loaders.application.prime(r.id, r);
    return toConnection<ApplicationRow>(rows, size, (r) => [r.submitted_at.toISOString(), r.id], () => countByApplicant(ctx.db, user.id), !!after);
  },
};
