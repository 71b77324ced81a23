import { forbidden, requireRole } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { decodeCursor, pageSize, toConnection } from '../../kit/paging';
import { appendRelayed, countAuditEntries, listAuditEntries } from '../db/audit-log.repository';
import type { AuditEntryResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers';

export const auditLogQuery = (async (_, args, ctx) => {
  requireRole(ctx.identity, 'ADMIN');
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, ['instant', 'integer']);
  const { actorId, action, target, requestId } = args.filter ?? {};
  const filter = { actorId, action, target, requestId };
  // An actor id that is no UUID names nobody: nothing matches, and SQL is not asked.
  if (actorId && !isUuid(actorId)) return toConnection([], limit, () => [], async () => 0, !!after);
  const rows = await listAuditEntries(ctx.db, { ...filter, limit: limit + 1, after });
  return toConnection(rows, limit, (r) => [r.at.toISOString(), r.id], () => countAuditEntries(ctx.db, filter), !!after);
}) satisfies QueryResolvers['auditLog'];

/** A subgraph's name as the supergraph spells it; identity's own entries are written here directly. */
const SOURCE = /^[a-z][a-z0-9_-]{0,62}$/;

/** The gateway's relay (gateway/audit-relay.ts) copying one subgraph's entries into the merged log. */
export const recordAuditMutation = ((_, args, ctx) => {
  if (ctx.identity.service !== 'gateway') throw forbidden();
  if (!SOURCE.test(args.source) || args.source === 'identity') throw forbidden('Not a subgraph that relays its audit log.');
  return appendRelayed(ctx.db, args.source, args.entries);
}) satisfies MutationResolvers['recordAudit'];

export const AuditEntry: AuditEntryResolvers = {
  actor: (e, _, ctx) => ctx.loaders.user.load(e.actor_id),
  actorRoles: (e) => e.actor_roles,
  requestId: (e) => e.request_id,
  subgraph: (e) => e.source,
  errorCode: (e) => e.error_code,
};
