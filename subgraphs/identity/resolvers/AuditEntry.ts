import { forbidden, requireRole } from '../../kit/errors';
import { decodeCursor, pageSize, toConnection } from '../../kit/paging';
import { appendAuditEntries, countAuditEntries, listAuditEntries, type AuditEntryInput } from '../db/audit-log.repository';
import type { IdentityContext } from '../loaders';

type Row = Awaited<ReturnType<typeof listAuditEntries>>[number];

export const auditLogQuery = async (
  _: unknown,
  args: { filter?: { actorId?: string | null; action?: string | null } | null; first?: number | null; after?: string | null },
  ctx: IdentityContext,
) => {
  requireRole(ctx.identity, 'ADMIN');
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, 2);
  const filter = { actorId: args.filter?.actorId, action: args.filter?.action };
  const rows = await listAuditEntries(ctx.db, { ...filter, limit: limit + 1, after });
  return toConnection(rows, limit, (r) => [r.at.toISOString(), r.id], () => countAuditEntries(ctx.db, filter), !!after);
};

export const recordAuditMutation = (_: unknown, args: { entries: AuditEntryInput[] }, ctx: IdentityContext) => {
  if (ctx.identity.service !== 'gateway') throw forbidden();
  return appendAuditEntries(ctx.db, args.entries);
};

export const AuditEntry = {
  actor: (e: Row, _: unknown, ctx: IdentityContext) => ctx.loaders.user.load(e.actor_id),
  actorRoles: (e: Row) => e.actor_roles,
  requestId: (e: Row) => e.request_id,
};
