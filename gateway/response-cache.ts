import type { NextFunction, Request, Response } from 'express';
import { OperationTypeNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Identity } from '../core/identity';
import type { Language } from '../core/language';
import { shapeOf, variablesKey, type OperationShape } from './cache-key';
import { documentTags, mutationTags, type FieldGraphs, type Tags } from './cache-tags';
import { responseCacheLookups } from './metrics';

/**
 * A response cache for anonymous reads. Everything an anonymous caller can see is public and the
 * same for every anonymous caller, so one answer serves them all for a moment:
 * - keyed by the document text, the operation, the Accept header, the reader's language the gateway
 *   resolved (core/language.ts: an answer in Chinese is never served to an English reader) and the
 *   variables the operation declares, with their defaults where one is left out (gateway/cache-key.ts): variables it does
 *   not declare change nothing in the answer, so they cannot make a new entry;
 * - bounded in bytes (RESPONSE_CACHE_MAX_BYTES): the least recently used answers go first, and an
 *   answer larger than an eighth of the whole is not kept, so one cannot push out all the others;
 * - only for anonymous callers (no sign-in, not a subgraph), only queries, only complete answers
 *   without errors; signed-in callers and mutations always go through;
 * - kept as long as the subgraphs say: each declares a max-age for its data (`Cache-Control` on
 *   its responses, SubgraphDefinition.cache), Apollo takes the least of those the answer was
 *   built from, and the answer is kept that long, at most `ttlMs`; an answer no subgraph declared
 *   cacheable is not kept. Publications declares at most 5 s and never past the moment the next
 *   scheduled item turns public; the other subgraphs 60 s, since only mutations change their data;
 * - a mutation through this gateway evicts only the answers holding a field of the subgraph that
 *   served it (gateway/cache-tags.ts: a subgraph writes only its own data), and every other
 *   gateway evicts the same from its own (gateway/cache-invalidation.ts: through Redis, REDIS_URL,
 *   for replicas on one machine and gateways on others alike); a citizen's feedback no longer
 *   empties the news or the catalogue. What cannot be told (no supergraph read yet, a field on an
 *   abstract type) evicts everything, or is evicted by anything; so does a new supergraph;
 * - identical requests that arrive while the first is being answered wait for that answer;
 * - stale-while-revalidate (RFC 5861): for `staleMs` after its max-age an answer is still served
 *   while one refresh runs in the background, so a popular page never makes a visitor wait for
 *   the subgraphs. A failed refresh drops the stale answer.
 * Kept answers carry `cache-control: public, max-age=<what is left, at most 5 s>`: browsers and
 * CDNs are not told of mutations, so they may keep an answer only briefly. Every other answer
 * (signed in, a mutation, not kept) says `private, no-store`.
 */
/** What the platform runs with (platform/boot.ts); test gateways run without a cache unless they ask. */
export const DEFAULT_RESPONSE_CACHE: ResponseCacheOptions = { ttlMs: 60_000, staleMs: 1000, maxBytes: 32 * 1024 * 1024 };

/** The most a browser or CDN is told it may keep an answer: they never hear of a mutation. */
const SHARED_MAX_AGE_S = 5;

/** Milliseconds a `cache-control` header allows keeping a public answer (0: not at all). */
function keepFor(header: unknown): number {
  const value = String(header ?? '');
  if (/no-store|private/.test(value)) return 0;
  const maxAge = /max-age=(\d+)/.exec(value);
  return maxAge ? Number(maxAge[1]) * 1000 : 0;
}

export interface ResponseCacheOptions {
  /** The longest an answer is kept, whatever its subgraphs allow. */
  ttlMs: number;
  /** How long after its TTL an answer may still be served while it is refreshed (0: never). */
  staleMs?: number;
  /** Bytes of answers (and their keys) kept in all; answers of the public pages are a few KiB each. */
  maxBytes: number;
}

/** An anonymous query, as the cache keys it and refreshes it. */
export interface CachedOperation {
  query: string;
  operationName?: string;
  variables?: unknown;
  /** The reader's language it is answered in; English when not given. */
  language?: Language;
}

/** Runs an operation as an anonymous caller: the response body and its `cache-control`, or null if it had errors. */
export type Refresher = (op: CachedOperation) => Promise<{ body: string; cacheControl: string | undefined } | null>;

interface Entry {
  body: string;
  contentType: string;
  freshUntil: number;
  /** What the answer holds (cache-tags.ts); null: unknown, so any mutation evicts it. */
  tags: Tags | null;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  /**
   * What operation a document runs, so it is parsed once, not on every request. Bounded in bytes
   * too: a document may be as large as a request body.
   */
  // A parsed document is kept with its shape (to tag answers by subgraph): about 16 bytes of syntax
  // tree per character of text, so this holds about 1 MiB of documents' text.
  private readonly shapes = new LRUCache<string, OperationShape>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (_shape, key) => key.length * 16 + 1 });
  /** Each document's tags, for the supergraph (its field map) they were read with. */
  private readonly tagsOf = new WeakMap<OperationShape, { graphs: FieldGraphs; tags: Tags | null }>();
  /** Answers being computed right now, which identical requests wait for instead of recomputing. */
  private readonly inFlight = new Map<string, Promise<Entry | null>>();
  /** The keys of the kept answers holding each tag, and of those whose tags are unknown: an eviction visits only what it drops. */
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly untagged = new Set<string>();
  /**
   * A clock of evictions, and when each tag, any tag, or everything was last evicted: an answer
   * computed while a mutation evicted something it holds is not stored after it, and one that
   * holds nothing evicted meanwhile still is.
   */
  private clock = 0;
  private readonly evictedAt = new Map<string, number>();
  private anyEvictedAt = 0;
  private clearedAt = 0;

  constructor(
    private readonly opts: ResponseCacheOptions,
    private readonly refresher?: Refresher,
    /** Told of every mutation through this gateway and what it evicted (null: everything), so other gateways evict the same. */
    private readonly onMutation: (tags: Tags | null) => void = () => {},
    /** The API schema the gateway serves now and which subgraph serves each field, to tag answers with. */
    private readonly schema: () => { schema: GraphQLSchema; graphs: FieldGraphs } | undefined = () => undefined,
  ) {
    // Each answer is kept for its own max-age (and the stale window), set when stored.
    this.entries = new LRUCache({
      maxSize: opts.maxBytes,
      sizeCalculation: sizeOf,
      ttl: opts.ttlMs + this.staleMs,
      // However an answer goes (evicted, pushed out, expired, replaced), its keys go from the index.
      dispose: (entry, key) => this.unindex(key, entry),
    });
  }

  /** The largest answer kept: an eighth of the whole, so a few huge answers cannot push out all the others. */
  private get maxEntryBytes(): number {
    return Math.floor(this.opts.maxBytes / 8);
  }

  /** Bytes held by the kept answers and their keys. */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  private get staleMs(): number {
    return this.refresher ? (this.opts.staleMs ?? 0) : 0;
  }

  clear(): void {
    this.clearedAt = ++this.clock;
    this.entries.clear();
  }

  /** Drops the answers holding any of `tags` (and those whose content is unknown); null: all. */
  evict(tags: Tags | null): void {
    if (tags === null) return this.clear();
    // An answer being computed now that may hold what changed is not stored (see store()).
    const now = ++this.clock;
    this.anyEvictedAt = now;
    const doomed = [...this.untagged];
    for (const tag of tags) {
      this.evictedAt.set(tag, now);
      doomed.push(...(this.keysByTag.get(tag) ?? []));
    }
    for (const key of doomed) this.entries.delete(key);
  }

  private index(key: string, entry: Entry): void {
    if (entry.tags === null) return void this.untagged.add(key);
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string, entry: Entry): void {
    if (entry.tags === null) return void this.untagged.delete(key);
    for (const tag of entry.tags) this.keysByTag.get(tag)?.delete(key);
  }

  /** Whether something an answer holds was evicted since `since` (when its computation began). */
  private evictedSince(since: number, tags: Tags | null): boolean {
    if (this.clearedAt > since) return true;
    if (tags === null) return this.anyEvictedAt > since;
    for (const tag of tags) if ((this.evictedAt.get(tag) ?? 0) > since) return true;
    return false;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Express middleware; goes right before Apollo's, after identity and trusted documents are resolved. */
  middleware() {
    /** What browsers and CDNs are told: what is left of the answer's max-age, at most 5 s. */
    const publicFor = (entry: Entry) =>
      `public, max-age=${Math.max(0, Math.min(SHARED_MAX_AGE_S, Math.floor((entry.freshUntil - Date.now()) / 1000)))}`;
    return (req: Request, res: Response, next: NextFunction) => {
      const identity = res.locals.identity as Identity | undefined;
      const sent = this.operationOf(req);
      if (!sent) {
        // A batch is not cached; one holding a mutation evicts everything (its answers are not read).
        if (this.batchHasMutation(req)) res.once('finish', () => this.evictAndTell(null));
        return notKept(res, next);
      }
      const shape = this.shapeOf(sent.query, sent.operationName);
      const kind = shape.kind;
      if (kind === OperationTypeNode.MUTATION) {
        // Once it is done, what it may have changed goes from every cached answer that holds it.
        res.once('finish', () => this.evictAndTell(this.mutationTags(shape)));
        return notKept(res, next);
      }
      const anonymous = !!identity && !identity.userId && !identity.service && identity.roles.length === 0;
      if (kind !== OperationTypeNode.QUERY || !anonymous) return notKept(res, next);
      // GET sends the variables as JSON in the URL.
      let op: CachedOperation;
      let variables: string | null;
      try {
        op = { ...sent, variables: typeof sent.variables === 'string' ? JSON.parse(sent.variables) : sent.variables, language: identity.language };
        variables = variablesKey(shape, op.variables);
      } catch {
        return notKept(res, next); // not JSON, or nested past reason: Apollo answers it, uncached
      }
      if (variables === null) return notKept(res, next);
      const key = JSON.stringify([op.query, shape.name, variables, req.header('accept') ?? '', identity.language]);
      const send = (entry: Entry, how: 'HIT' | 'SHARED' | 'STALE') => {
        responseCacheLookups.inc({ result: how });
        res.setHeader('cache-control', how === 'STALE' ? 'public, max-age=0' : publicFor(entry));
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
        void pending.then((shared) => (shared ? send(shared, 'SHARED') : notKept(res, next)));
        return;
      }
      const done = this.computing(key);
      res.once('close', () => done(null));
      const original = res.send.bind(res);
      res.send = (body?: unknown) => {
        let entry: Entry | null = null;
        if (res.statusCode === 200 && typeof body === 'string') {
          const contentType = String(res.getHeader('content-type') ?? 'application/json; charset=utf-8');
          // Apollo has set the policy of the subgraphs' answers: the least of their max-ages.
          entry = this.store(key, body, contentType, done.startedAt, keepFor(res.getHeader('cache-control')), shape);
        }
        res.setHeader('cache-control', entry ? publicFor(entry) : 'private, no-store');
        res.setHeader('x-cache', 'MISS');
        responseCacheLookups.inc({ result: 'MISS' });
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
      { startedAt: this.clock },
    );
  }

  /**
   * Keeps a complete answer for `keepMs` (at most ttlMs), unless it has errors, may not be kept,
   * or a mutation evicted something it holds while it was computed.
   */
  private store(key: string, body: string, contentType: string, startedAt: number, keepMs: number, shape: OperationShape): Entry | null {
    const ms = Math.min(keepMs, this.opts.ttlMs);
    if (ms <= 0 || body.includes('"errors"')) return null;
    const entry = { body, contentType, freshUntil: Date.now() + ms, tags: this.answerTags(shape) };
    if (this.evictedSince(startedAt, entry.tags)) return null;
    if (sizeOf(entry, key) > this.maxEntryBytes) {
      this.entries.delete(key);
      return null;
    }
    this.entries.set(key, entry, { ttl: ms + this.staleMs });
    this.index(key, entry);
    return entry;
  }

  /** One background refresh of a stale answer at a time; a failed one drops it. */
  private refresh(key: string, op: CachedOperation, contentType: string): void {
    if (!this.refresher || this.inFlight.has(key)) return;
    const done = this.computing(key);
    const shape = this.shapeOf(op.query, op.operationName);
    this.refresher(op).then(
      (answer) => {
        const entry = answer === null ? null : this.store(key, answer.body, contentType, done.startedAt, keepFor(answer.cacheControl), shape);
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

  private evictAndTell(tags: Tags | null): void {
    this.evict(tags);
    this.onMutation(tags);
  }

  private batchHasMutation(req: Request): boolean {
    const body = req.body as unknown;
    if (req.method !== 'POST' || !Array.isArray(body)) return false;
    return body.some((op) => {
      const o = op as Record<string, unknown> | null;
      return typeof o?.query === 'string' && this.shapeOf(o.query, typeof o.operationName === 'string' ? o.operationName : undefined).kind === OperationTypeNode.MUTATION;
    });
  }

  /**
   * The subgraphs a kept answer's fields come from; null (evicted by any mutation) when unknown. A
   * document's tags are read once per supergraph, not on every answer stored.
   */
  private answerTags(shape: OperationShape): Tags | null {
    const current = this.schema();
    if (!current || !shape.document) return null;
    const known = this.tagsOf.get(shape);
    if (known?.graphs === current.graphs) return known.tags;
    let tags: Tags | null;
    try {
      tags = documentTags(current.schema, current.graphs, shape.document);
    } catch {
      tags = null;
    }
    this.tagsOf.set(shape, { graphs: current.graphs, tags });
    return tags;
  }

  /** What a mutation evicts; null (everything) when it cannot be told. */
  private mutationTags(shape: OperationShape): Tags | null {
    const current = this.schema();
    if (!current || !shape.document) return null;
    try {
      return mutationTags(current.schema, current.graphs, shape.document, shape.name);
    } catch {
      return null;
    }
  }

  private shapeOf(query: string, operationName?: string): OperationShape {
    const k = `${operationName ?? ''}\n${query}`;
    let shape = this.shapes.get(k);
    if (!shape) {
      shape = shapeOf(query, operationName, 5000);
      this.shapes.set(k, shape);
    }
    return shape;
  }
}

/** What an entry costs: its body in bytes, and its key (mostly the document text) in characters. */
const sizeOf = (entry: Entry, key: string) => Buffer.byteLength(entry.body) + key.length;

/** An answer this cache does not keep tells browsers and CDNs not to keep it either (Apollo may have set a public policy). */
function notKept(res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    res.setHeader('cache-control', 'private, no-store');
    return send(body);
  };
  next();
}
