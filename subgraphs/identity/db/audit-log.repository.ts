import type { Role } from '../../../core/identity';
import { keysetAfter } from '../../kit/paging';
import type { Db } from './users.repository';

/** An entry as a subgraph wrote it in its own log, relayed here by the gateway. */
export interface RelayedEntry {
  seq: string;
  at: Date;
  actorId: string;
  actorRoles: Role[];
  action: string;
  target?: string | null;
  outcome: string;
  errorCode?: string | null;
  requestId: string;
}

/**
 * Appends what one subgraph wrote; an entry already here (another relay was first) is skipped, so
 * relays may run on every gateway at once. How many were new.
 */
export async function appendRelayed(db: Db, source: string, entries: RelayedEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        source,
        seq: Number(e.seq),
        at: e.at,
        actor_id: e.actorId,
        actor_roles: e.actorRoles,
        action: e.action,
        target: e.target ?? null,
        outcome: e.outcome,
        error_code: e.errorCode ?? null,
        request_id: e.requestId,
      })),
    )
    .onConflict((oc) => oc.columns(['source', 'seq']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

export interface AuditFilter {
  actorId?: string | null;
  action?: string | null;
  target?: string | null;
  requestId?: string | null;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.target) q = q.where('target', '=', f.target);
  if (f.requestId) q = q.where('request_id', '=', f.requestId);
  return q;
}

/** Newest first; `after` is the (at, id) key of the last entry seen. */
export function listAuditEntries(db: Db, opts: AuditFilter & { limit: number; after: unknown[] | null }) {
  let q = filtered(db, opts).selectAll();
  if (opts.after) q = q.where(keysetAfter(['at', 'id'], opts.after, 'desc'));
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function countAuditEntries(db: Db, f: AuditFilter) {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
