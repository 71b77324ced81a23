import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { eachReachableField } from './rules/support';

/**
 * Root mutation fields whose work is a password hash in the identity subgraph: sign-in,
 * registration, a password change. Identity runs at most PASSWORD_HASH_CONCURRENCY hashes at once
 * (four more waiting per slot) and refuses the rest with 429.
 */
export const PASSWORD_FIELDS = ['login', 'register', 'changePassword'];
const IS_PASSWORD_FIELD: ReadonlySet<string> = new Set(PASSWORD_FIELDS);

/** What a refusal tells the client to wait: a hash takes tens of milliseconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Admission at the edge for password work. Refused in identity, each request of a sign-in flood
 * still costs the GraphQL pipeline, a signed subgraph call and the subgraph's own pipeline, and
 * under a flood those refusals are nearly all of the work. Counted here, an operation that asks for
 * a password field while `limit` such operations are already under way in this gateway is refused
 * before the GraphQL pipeline (RATE_LIMITED: HTTP 429 with Retry-After), so the excess costs the
 * gateway a body parse and a lookup of what it already knows of that document. Identity's own
 * bound still holds across gateways.
 *
 * Bounded in rate too, not only at once: a sign-in costs the process that serves it about as much
 * of its serving thread (the gateway's plan, identity's statements, the token: ~20 ms on the
 * embedded database, measured in bench/sign-in-flood.ts) as the hash costs its own thread, so
 * with only the places bounded, a flood's admitted sign-ins took 60 % of the thread every read
 * needs and other users' reads waited 5×. Admitted evenly at `perSecond` (a bucket of one second's
 * worth), sign-ins take a stated share of it whatever arrives.
 */
export class PasswordAdmission {
  private inFlight = 0;
  /** Admissions left in this second's bucket, refilled evenly at `perSecond`. */
  private tokens: number;
  private refilledAt: number;
  /** Whether a document (and operation name) asks for password work, known once per text. */
  private readonly known = new LRUCache<string, boolean>({ maxSize: 4 * 1024 * 1024, sizeCalculation: (_v, key) => key.length + 1 });

  /**
   * `limit`: operations under way at once; `perSecond`: admitted per second; 0 leaves either
   * unbounded here (identity's bound alone). `now` in milliseconds, for tests.
   */
  constructor(
    private readonly limit: number,
    private readonly perSecond = 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = perSecond;
    this.refilledAt = now();
  }

  private get bounded(): boolean {
    return this.limit > 0 || this.perSecond > 0;
  }

  /** Whether this second's share has room for one more, taking it if so. */
  private withinRate(): boolean {
    if (this.perSecond === 0) return true;
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private take(): () => void {
    if ((this.limit > 0 && this.inFlight >= this.limit) || !this.withinRate()) {
      throw new GraphQLError(`Too many sign-ins just now. Try again in ${RETRY_AFTER_SECONDS} s.`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: RETRY_AFTER_SECONDS },
      });
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
    };
  }

  /**
   * Express middleware: for each operation of a POST (a batch too), a place when it asks for
   * password work, released when the response ends; 429 at once when none is free or this
   * second's share is spent. Documents that do not parse, or name no operation, are left to the
   * GraphQL pipeline to refuse.
   */
  middleware(maxTokens: number): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!this.bounded || req.method !== 'POST') return next();
      const body = req.body as unknown;
      const ops = (Array.isArray(body) ? body : [body]) as { query?: unknown; operationName?: unknown }[];
      const releases: (() => void)[] = [];
      try {
        for (const op of ops) {
          if (!op || typeof op.query !== 'string') continue;
          const release = this.enterText(op.query, typeof op.operationName === 'string' ? op.operationName : undefined, maxTokens);
          if (release) releases.push(release);
        }
      } catch (err) {
        for (const release of releases) release();
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        return void res.status(429).json({ errors: [{ message: (err as Error).message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: RETRY_AFTER_SECONDS, requestId: res.locals.requestId } }] });
      }
      if (releases.length) {
        const done = () => releases.splice(0).forEach((release) => release());
        res.once('finish', done);
        res.once('close', done);
      }
      next();
    };
  }

  /**
   * A place for the operation a document's text runs when it asks for a password field (through
   * fragments too), released by calling what is returned; undefined when it needs none or the
   * admission bounds nothing. Throws RATE_LIMITED when full or over the rate. The text is parsed
   * only the first time it is seen.
   */
  enterText(query: string, operationName: string | undefined, maxTokens: number): (() => void) | undefined {
    if (!this.bounded) return undefined;
    const key = `${operationName ?? ''}\u0000${query}`;
    let asks = this.known.get(key);
    if (asks === undefined) {
      asks = false;
      try {
        const document = parse(query, { maxTokens });
        const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
        const operation = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
        asks = !!operation && operation.operation === 'mutation' && this.asksPasswordWork(document, operation);
      } catch {
        // Not a document: the GraphQL pipeline refuses it.
      }
      this.known.set(key, asks);
    }
    return asks ? this.take() : undefined;
  }

  private asksPasswordWork(document: DocumentNode, operation: OperationDefinitionNode): boolean {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    let asks = false;
    eachReachableField(operation.selectionSet, { getFragment: (name) => fragments.get(name) }, (field) => {
      if (IS_PASSWORD_FIELD.has(field.name.value)) asks = true;
      return false; // root fields only
    });
    return asks;
  }
}
