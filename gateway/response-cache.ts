import type { NextFunction, Request, Response } from 'express';
import { OperationTypeNode, parse, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Identity } from '../subgraphs/kit/identity';
import { DIAGNOSTICS_HEADER } from '../subgraphs/kit/server';

/**
 * A response cache for anonymous reads. Everything an anonymous caller can see is public and the
 * same for every anonymous caller, so one answer serves them all for a moment:
 * - keyed by the document text, the operation name, the variables and the Accept header;
 * - only for anonymous callers (no sign-in, not a subgraph), only queries, only complete answers
 *   without errors; signed-in callers and mutations always go through;
 * - any mutation through this gateway (publishing, editing, feedback made public) clears it, and
 *   the replicas of one platform (PLATFORM_WORKERS) clear theirs too (platform/replica-broadcast);
 *   the TTL bounds staleness for what no mutation here announces (a scheduled publication turning
 *   public "at that moment", a write through a gateway on another machine);
 * - identical requests that arrive while the first is being answered wait for that answer;
 * - stale-while-revalidate (RFC 5861): for `staleMs` after its TTL an answer is still served
 *   while one refresh runs in the background, so a popular page never makes a visitor wait for
 *   the subgraphs. An answer is thus at most `ttlMs + staleMs` old: 2 s by default, inside the
 *   5 s the publications README promises. A failed refresh drops the stale answer.
 * Fresh answers carry `cache-control: public, max-age=<ttl>` so browsers and CDNs may keep them
 * too; signed-in answers say `private, no-store`.
 */
/** What the platform runs with (platform/boot.ts); test gateways run without a cache unless they ask. */
export const DEFAULT_RESPONSE_CACHE: ResponseCacheOptions = { ttlMs: 1000, staleMs: 1000, max: 5000 };

export interface ResponseCacheOptions {
  ttlMs: number;
  /** How long after its TTL an answer may still be served while it is refreshed (0: never). */
  staleMs?: number;
  /** Entries kept (answers of the public pages are a few KiB each). */
  max: number;
}

/** An anonymous query, as the cache keys it and refreshes it. */
export interface CachedOperation {
  query: string;
  operationName?: string;
  variables?: unknown;
}

/** Runs an operation as an anonymous caller and returns the response body, or null if it had errors. */
export type Refresher = (op: CachedOperation) => Promise<string | null>;

interface Entry {
  body: string;
  contentType: string;
  freshUntil: number;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  /** What kind of operation a document text is, so it is parsed once, not on every request. */
  private readonly kinds = new LRUCache<string, OperationTypeNode | 'invalid'>({ max: 2000 });
  /** Answers being computed right now, which identical requests wait for instead of recomputing. */
  private readonly inFlight = new Map<string, Promise<Entry | null>>();
  /** Bumped by every clear(), so an answer computed before a mutation is not stored after it. */
  private generation = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly opts: ResponseCacheOptions,
    private readonly refresher?: Refresher,
    /** Told of every mutation through this gateway, so other replicas can clear theirs too. */
    private readonly onMutation: () => void = () => {},
  ) {
    this.entries = new LRUCache({ max: opts.max, ttl: opts.ttlMs + (refresher ? (opts.staleMs ?? 0) : 0) });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Express middleware; goes right before Apollo's, after identity and trusted documents are resolved. */
  middleware() {
    const maxAge = Math.floor(this.opts.ttlMs / 1000);
    return (req: Request, res: Response, next: NextFunction) => {
      const identity = res.locals.identity as Identity | undefined;
      const op = this.operationOf(req);
      if (!op) return next();
      const kind = this.kindOf(op.query, op.operationName);
      if (kind === OperationTypeNode.MUTATION) {
        // Whatever it changed may be in a cached answer: drop them all once the mutation is done.
        res.once('finish', () => {
          this.clear();
          this.onMutation();
        });
        return next();
      }
      const anonymous = !!identity && !identity.userId && !identity.service && identity.roles.length === 0;
      if (kind !== OperationTypeNode.QUERY || !anonymous || req.header(DIAGNOSTICS_HEADER)) {
        if (!anonymous) res.setHeader('cache-control', 'private, no-store');
        return next();
      }
      const key = JSON.stringify([op.query, op.operationName ?? null, op.variables ?? null, req.header('accept') ?? '']);
      const send = (entry: Entry, how: 'HIT' | 'SHARED' | 'STALE') => {
        this.hits++;
        res.setHeader('cache-control', how === 'STALE' ? 'public, max-age=0' : `public, max-age=${maxAge}`);
        res.setHeader('x-cache', how);
        res.setHeader('content-type', entry.contentType);
        res.send(entry.body);
      };
      const cached = this.entries.get(key);
      if (cached && cached.freshUntil > Date.now()) return send(cached, 'HIT');
      if (cached) {
        this.refresh(key, op, cached.contentType);
        return send(cached, 'STALE');
      }
      // The same answer is already being computed for another caller: wait for it rather than
      // asking the subgraphs again (a hot page that expires would otherwise be recomputed by
      // every request that arrives before the first answer is back).
      const pending = this.inFlight.get(key);
      if (pending) {
        void pending.then((shared) => (shared ? send(shared, 'SHARED') : next()));
        return;
      }
      this.misses++;
      const done = this.computing(key);
      res.once('close', () => done(null));
      const original = res.send.bind(res);
      res.send = (body?: unknown) => {
        let entry: Entry | null = null;
        if (res.statusCode === 200 && typeof body === 'string') {
          entry = this.store(key, body, String(res.getHeader('content-type') ?? 'application/json; charset=utf-8'), done.generation);
          if (entry) res.setHeader('cache-control', `public, max-age=${maxAge}`);
        }
        res.setHeader('x-cache', 'MISS');
        done(entry);
        return original(body);
      };
      next();
    };
  }

  /** Marks an answer as being computed; call the result with the answer (or null) when it is known. */
  private computing(key: string) {
    let settle!: (entry: Entry | null) => void;
    const promise = new Promise<Entry | null>((resolve) => (settle = resolve));
    this.inFlight.set(key, promise);
    return Object.assign(
      (entry: Entry | null) => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
        settle(entry);
      },
      { generation: this.generation },
    );
  }

  /** Keeps a complete answer, unless it has errors or a mutation cleared the cache meanwhile. */
  private store(key: string, body: string, contentType: string, generation: number): Entry | null {
    if (body.includes('"errors"') || generation !== this.generation) return null;
    const entry = { body, contentType, freshUntil: Date.now() + this.opts.ttlMs };
    this.entries.set(key, entry);
    return entry;
  }

  /** One background refresh of a stale answer at a time; a failed one drops it. */
  private refresh(key: string, op: CachedOperation, contentType: string): void {
    if (!this.refresher || this.inFlight.has(key)) return;
    const done = this.computing(key);
    this.refresher(op).then(
      (body) => {
        const entry = body === null ? null : this.store(key, body, contentType, done.generation);
        if (!entry) this.entries.delete(key);
        done(entry);
      },
      () => {
        this.entries.delete(key);
        done(null);
      },
    );
  }

  private operationOf(req: Request): { query: string; operationName?: string; variables?: unknown } | null {
    if (req.method === 'GET') {
      const { query, operationName, variables } = req.query as Record<string, unknown>;
      if (typeof query !== 'string') return null;
      return { query, operationName: typeof operationName === 'string' ? operationName : undefined, variables };
    }
    const body = req.body as Record<string, unknown> | unknown[] | undefined;
    // Batches go through uncached; they are rare and mixed.
    if (!body || Array.isArray(body) || typeof body.query !== 'string') return null;
    return { query: body.query, operationName: typeof body.operationName === 'string' ? body.operationName : undefined, variables: body.variables };
  }

  private kindOf(query: string, operationName?: string): OperationTypeNode | 'invalid' {
    const k = `${operationName ?? ''}\n${query}`;
    let kind = this.kinds.get(k);
    if (!kind) {
      kind = 'invalid';
      try {
        const doc: DocumentNode = parse(query, { maxTokens: 5000 });
        const ops = doc.definitions.filter((d) => d.kind === 'OperationDefinition');
        const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
        if (op) kind = op.operation;
      } catch {
        // Apollo answers the parse error itself.
      }
      this.kinds.set(k, kind);
    }
    return kind;
  }
}
