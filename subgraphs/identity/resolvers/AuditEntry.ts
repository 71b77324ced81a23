import { forbidden, requireRole } from '../../kit/errors';
import { decodeCursor, pageSize, toConnection } from '../../kit/paging';
import { appendRelayed, countAuditEntries, listAuditEntries, type AuditFilter, type RelayedEntry } from '../db/audit-log.repository';
import type { IdentityContext } from '../loaders';

type Row = Awaited<ReturnType<typeof listAuditEntries>>[number];

export const auditLogQuery = async (
  _: unknown,
  args: { filter?: AuditFilter | null; first?: number | null; after?: string | null },
  ctx: IdentityContext,
) => {
  requireRole(ctx.identity, 'ADMIN');
  const limit = pageSize(args.first);
  const after = decodeCursor(args.after, 2);
  const { actorId, action, target, requestId } = args.filter ?? {};
  const filter = { actorId, action, target, requestId };
  const rows = await listAuditEntries(ctx.db, { ...filter, limit: limit + 1, after });
  return toConnection(rows, limit, (r) => [r.at.toISOString(), r.id], () => countAuditEntries(ctx.db, filter), !!after);
};

/** A subgraph's name as the supergraph spells it; identity's own entries are written here directly. */
const SOURCE = /^[a-z][a-z0-9_-]{0,62}$/;

/** The gateway's relay (gateway/audit-relay.ts) copying one subgraph's entries into the merged log. */
export const recordAuditMutation = (_: unknown, args: { source: string; entries: RelayedEntry[] }, ctx: IdentityContext) => {
  if (ctx.identity.service !== 'gateway') throw forbidden();
  if (!SOURCE.test(args.source) || args.source === 'identity') throw forbidden('Not a subgraph that relays its audit log.');
  return appendRelayed(ctx.db, args.source, args.entries);
};

export const AuditEntry = {
  actor: (e: Row, _: unknown, ctx: IdentityContext) => ctx.loaders.user.load(e.actor_id),
  actorRoles: (e: Row) => e.actor_roles,
  requestId: (e: Row) => e.request_id,
  subgraph: (e: Row) => e.source,
  errorCode: (e: Row) => e.error_code,
};
