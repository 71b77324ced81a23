import { keysetAfter } from '../../kit/paging';
import type { Db } from './users.repository';

export interface AuditEntryInput {
  actorId: string;
  actorRoles: string[];
  action: string;
  target: string | null;
  outcome: string;
  requestId: string;
}

export async function appendAuditEntries(db: Db, entries: AuditEntryInput[]): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        actor_id: e.actorId,
        actor_roles: e.actorRoles,
        action: e.action,
        target: e.target,
        outcome: e.outcome,
        request_id: e.requestId,
      })),
    )
    .returning('id')
    .execute();
  return rows.length;
}

/** Newest first; `after` is the (at, id) key of the last entry seen. */
export function listAuditEntries(
  db: Db,
  opts: { limit: number; after: unknown[] | null; actorId?: string | null; action?: string | null },
) {
  let q = db.selectFrom('audit_log').selectAll();
  if (opts.actorId) q = q.where('actor_id', '=', opts.actorId);
  if (opts.action) q = q.where('action', '=', opts.action);
  if (opts.after) q = q.where(keysetAfter(['at', 'id'], opts.after, 'desc'));
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function countAuditEntries(db: Db, opts: { actorId?: string | null; action?: string | null }) {
  let q = db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (opts.actorId) q = q.where('actor_id', '=', opts.actorId);
  if (opts.action) q = q.where('action', '=', opts.action);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
