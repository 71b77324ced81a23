import { forbidden, notFound, requireRole } from '../../kit/errors';
import { hasRole } from '../../../core/identity';
import { pageSize, toConnection } from '../../kit/paging';
import { isUuid, mayReadDocuments, maySee } from '../access';
import { filterId, timeIdCursor, timeIdKey } from '../cursors';
import { countQueue, listQueue, type QueueFilter } from '../db/applications.repository';
import type { ApplicationRow } from '../db/tables';
import type { QueryResolvers } from '../generated/resolvers';
import { OPEN } from '../state-machine';

export const Query: QueryResolvers = {
  application: async (_, { id }, ctx) => {
    requireRole(ctx.identity);
    const row = isUuid(id) ? await ctx.loaders.application.load(id) : null;
    if (!row || !maySee(ctx.identity, row)) throw notFound('Application');
    return row;
  },

  supportingDocument: async (_, { id }, ctx) => {
    requireRole(ctx.identity);
    const doc = isUuid(id) ? await ctx.loaders.document.load(id) : null;
    const app = doc ? await ctx.loaders.application.load(doc.application_id) : null;
    if (!doc || !app || !mayReadDocuments(ctx.identity, app)) throw notFound('SupportingDocument');
    return doc;
  },

  applicationQueue: async (_, args, ctx) => {
    requireRole(ctx.identity, 'OFFICER', 'ANALYST', 'ADMIN');
    const f = args.filter ?? {};
    // Officers work on their own department's applications only, whatever they ask for.
    const everyDepartment = hasRole(ctx.identity, 'ADMIN', 'ANALYST');
    if (!everyDepartment && !ctx.identity.departmentId) throw forbidden('Officers without a department have no queue.');
    const filter: QueueFilter = {
      departmentId: everyDepartment ? filterId(f.departmentId) : ctx.identity.departmentId,
      statuses: f.statuses?.length ? f.statuses : [...OPEN],
      overdue: f.overdue ?? null,
      procedureId: filterId(f.procedureId),
      applicantId: filterId(f.applicantId),
      search: f.search?.trim().slice(0, 200) || null,
    };
    const size = pageSize(args.first);
    const after = timeIdCursor(args.after);
    const rows = await listQueue(ctx.db, filter, after, size + 1);
    for (const r of rows) ctx.loaders.application.prime(r.id, r);
    return toConnection<ApplicationRow>(rows, size, (r) => timeIdKey(r.due_at, r.id), () => countQueue(ctx.db, filter), !!after);
  },
};
