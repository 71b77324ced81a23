import { badInput, forbidden, notFound, requireRole } from '../../kit/errors';
import { hasRole } from '../../kit/identity';
import { decodeCursor, pageSize, toConnection, type PageArgs } from '../../kit/paging';
import { isUuid, maySee } from '../access';
import { countQueue, listQueue, type QueueFilter } from '../db/applications.repository';
import type { ApplicationRow } from '../db/tables';
import type { ApplicationsContext } from '../loaders';
import { OPEN, type Status } from '../state-machine';

interface QueueArgs extends PageArgs {
  filter?: { statuses?: Status[] | null; overdue?: boolean | null; procedureId?: string | null; departmentId?: string | null } | null;
}

export const Query = {
  application: async (_: unknown, { id }: { id: string }, ctx: ApplicationsContext) => {
    requireRole(ctx.identity);
    const row = isUuid(id) ? await ctx.loaders.application.load(id) : null;
    if (!row || !maySee(ctx.identity, row)) throw notFound('Application');
    return row;
  },

  applicationQueue: async (_: unknown, args: QueueArgs, ctx: ApplicationsContext) => {
    requireRole(ctx.identity, 'OFFICER', 'ANALYST', 'ADMIN');
    const f = args.filter ?? {};
    // Officers work on their own department's applications only, whatever they ask for.
    const everyDepartment = hasRole(ctx.identity, 'ADMIN', 'ANALYST');
    if (!everyDepartment && !ctx.identity.departmentId) throw forbidden('Officers without a department have no queue.');
    const none = '00000000-0000-0000-0000-000000000000';
    const filter: QueueFilter = {
      departmentId: everyDepartment ? (f.departmentId ? (isUuid(f.departmentId) ? f.departmentId : none) : null) : ctx.identity.departmentId,
      statuses: f.statuses?.length ? f.statuses : [...OPEN],
      overdue: f.overdue ?? null,
      procedureId: f.procedureId ? (isUuid(f.procedureId) ? f.procedureId : none) : null,
    };
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const after = cursor ? ([new Date(String(cursor[0])), String(cursor[1])] as [Date, string]) : null;
    if (after && (Number.isNaN(after[0].getTime()) || !isUuid(after[1]))) throw badInput('after is not a valid cursor.');
    const rows = await listQueue(ctx.db, filter, after, size + 1);
    for (const r of rows) ctx.loaders.application.prime(r.id, r);
    return toConnection<ApplicationRow>(rows, size, (r) => [r.due_at.toISOString(), r.id], () => countQueue(ctx.db, filter), !!after);
  },
};
