import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../../core/database-errors';
import { sql, type Kysely } from 'kysely';
import { REQUEST_ID_HEADER } from '../../core/headers';
import type { VerifiedCall } from '../../core/identity-tokens';
import { log } from '../../core/log';

/**
 * A subgraph's audit entries not yet in the merged log, for the gateway's relay
 * (gateway/audit-relay.ts), beside `/graphql`:
 *
 * - `GET  /audit/outbox?limit=500` → `{ entries: [{ seq, at, actorId, … }] }`, oldest first;
 * - `POST /audit/outbox/ack` `{ "seqs": [1, 2] }` → `{ acked: 2 }`: those entries are in the
 *   merged log; they are marked, never deleted.
 *
 * Relays on several gateways may read the same entries at once: the merged log ignores an entry
 * it already has, and an ack of an acked entry changes nothing.
 */
const MAX_BATCH = 1000;

/** The caller of a request, from the identity token bound to it (kit/server.ts `authenticate`). */
type Authenticate = (req: Request) => Promise<VerifiedCall | null>;

/** The one check that a request comes from the gateway: only it may read or ack the outbox. */
export async function fromGateway(req: Request, authenticate: Authenticate): Promise<boolean> {
  return (await authenticate(req))?.identity.service === 'gateway';
}

export function auditOutboxRouter(opts: { subgraph: string; db: Kysely<any>; authenticate: Authenticate }): Router {
  const { db } = opts;
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: '64kb' }), async (req: Request, res: Response, next: NextFunction) => {
    // The identity token is bound to exactly these bytes (none for a GET).
    const raw = Buffer.isBuffer(req.body) ? req.body : undefined;
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    const body = raw?.toString('utf8') ?? '';
    if (!(await fromGateway(req, opts.authenticate))) {
      log.warn({ component: opts.subgraph, requestId: req.header(REQUEST_ID_HEADER) }, 'refused: the audit outbox answers only the gateway');
      res.status(401).json({ errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    res.locals.body = body;
    next();
  });

  router.get('/outbox', async (req, res) => {
    const limit = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? ''), 10) || 500, 1), MAX_BATCH);
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor_id', 'actor_roles', 'action', 'target', 'outcome', 'error_code', 'request_id'])
      .where('relayed_at', 'is', null)
      .orderBy('seq')
      .limit(limit)
      .execute();
    res.json({
      entries: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actorId: r.actor_id,
        actorRoles: r.actor_roles,
        action: r.action,
        target: r.target,
        outcome: r.outcome,
        errorCode: r.error_code,
        requestId: r.request_id,
      })),
    });
  });

  router.post('/outbox/ack', async (_req, res) => {
    let seqs: unknown;
    try {
      seqs = (JSON.parse(res.locals.body) as { seqs?: unknown }).seqs;
    } catch {
      seqs = undefined;
    }
    if (!Array.isArray(seqs) || seqs.length > MAX_BATCH || !seqs.every((s) => Number.isSafeInteger(s))) {
      res.status(400).json({ errors: [{ message: `Send { "seqs": [...] }, at most ${MAX_BATCH} integers.`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    if (seqs.length === 0) return void res.json({ acked: 0 });
    const r = await db
      .updateTable('audit_log')
      .set({ relayed_at: sql`now()` })
      .where('seq', 'in', seqs as number[])
      .where('relayed_at', 'is', null)
      .executeTakeFirst();
    res.json({ acked: Number(r.numUpdatedRows) });
  });

  router.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    log.error({ component: opts.subgraph, err }, 'audit outbox');
    // The relay asks again next round either way; a 503 says it is the database, not the request.
    if (isDatabaseUnavailable(err)) {
      res.status(503).json({ errors: [{ message: 'The database is briefly unavailable.', extensions: { code: DATABASE_UNAVAILABLE } }] });
      return;
    }
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });
  return router;
}
