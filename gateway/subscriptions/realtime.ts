import { randomUUID } from 'node:crypto';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { EventBus } from '../../core/events';
import type { Identity } from '../../core/identity';
import { DEFAULT_LANGUAGE } from '../../core/language';
import { messageFor } from '../../core/messages';
import type { Authenticator } from '../auth';
import type { DocumentPolicy } from '../graphql-route';
import type { ProtectionConfig } from '../protection';
import type { RateLimiter } from '../rate-limit';
import { SubscriptionCaps } from './caps';
import { isRefusal, prepareSubscription, type PreparedSubscription, type Refusal } from './operation';
import { eventStream, type RunAs } from './stream';

/** Bounds of the real-time endpoints (README "Real time"). */
export interface RealtimeLimits {
  /** Subscriptions on one graphql-ws connection. */
  perConnection: number;
  /** Subscriptions of one signed-in user on this gateway. */
  perUser: number;
  /** Anonymous subscriptions from one client address on this gateway. */
  perAddress: number;
  /** Events waiting to be read, and results to be sent, per subscriber; beyond, it reads again from the bus when there is room. */
  maxPending: number;
  /** Bytes written to one SSE subscriber or ws connection and not yet taken by the client; beyond, it is dropped. */
  maxBufferedBytes: number;
  /** How often a signed-in subscriber's session is checked again between events, in ms. */
  sessionRecheckMs: number;
}

export const DEFAULT_REALTIME_LIMITS: RealtimeLimits = {
  perConnection: 20,
  perUser: 50,
  perAddress: 1000,
  maxPending: 1000,
  maxBufferedBytes: 1 << 20,
  sessionRecheckMs: 30_000,
};

export interface RealtimeOptions {
  bus: EventBus;
  /** The API schema served now (undefined until the first supergraph loads). */
  schema: () => GraphQLSchema | undefined;
  auth: Authenticator;
  rateLimiter: RateLimiter;
  /** The public route's document policy (the safelist). */
  documents: DocumentPolicy;
  protection: ProtectionConfig;
  production: boolean;
  run: RunAs;
  limits?: Partial<RealtimeLimits>;
}

/** A subscriber: who, with which credential, from where. */
export interface Subscriber {
  identity: Identity;
  authorization: string | undefined;
}

/**
 * What both transports share: admitting a subscription (the caps, the safelist, the checks of
 * gateway/subscriptions/operation.ts) and its stream of results. Anonymous subscribers with the
 * same selection share one read of each event (they are the same reader); signed-in ones each
 * read as themselves.
 */
export class Realtime {
  readonly limits: RealtimeLimits;
  private readonly caps: SubscriptionCaps;
  private readonly publicReads = new LRUCache<string, Promise<ExecutionResult>>({ max: 10_000, ttl: 10_000 });
  private readonly open = new Set<() => void>();

  constructor(readonly opts: RealtimeOptions) {
    this.limits = { ...DEFAULT_REALTIME_LIMITS, ...opts.limits };
    this.caps = new SubscriptionCaps(this.limits.perUser, this.limits.perAddress);
  }

  /** Checks a subscription request; the prepared subscription or a refusal. */
  prepare(who: Subscriber, request: { query?: unknown; variables?: unknown; operationName?: unknown }): PreparedSubscription | Refusal {
    const schema = this.opts.schema();
    if (!schema) return { code: 'SUBGRAPH_UNAVAILABLE', message: 'The graph is not loaded yet. Try again in a moment.' };
    const refusal = this.opts.documents(who.identity, [request.query], who.identity.requestId ?? '');
    // A subscription always runs as its subscriber: a policy that would run it as someone else refuses it.
    if (refusal && 'runAs' in refusal) return { code: 'FORBIDDEN', message: 'This subscription cannot run as another caller.' };
    if (refusal) return { code: refusal[1], message: refusal[2] };
    return prepareSubscription(schema, request, who.identity, { limits: this.opts.protection.limits, production: this.opts.production, maxTokens: this.opts.protection.maxTokens });
  }

  /**
   * The results of an admitted subscription, from `lastEventId` if given; null when the caller
   * holds as many subscriptions as allowed.
   */
  async subscribe(sub: PreparedSubscription, who: Subscriber, lastEventId: string | null): Promise<AsyncGenerator<ExecutionResult> | null> {
    const release = this.caps.take(who.identity.userId, who.identity.clientIp);
    if (!release) return null;
    const { identity, authorization } = who;
    let from: { lastEventId: string } | { liveAfter: number };
    try {
      from = lastEventId ? { lastEventId } : { liveAfter: await this.opts.bus.lastSeq(sub.field.stream) };
    } catch (err) {
      release();
      throw err;
    }
    const stream = eventStream(sub, identity, from, {
      bus: this.opts.bus,
      maxPending: this.limits.maxPending,
      recheckMs: identity.userId ? this.limits.sessionRecheckMs : 0,
      whoNow: async () =>
        identity.userId
          ? { ...(await this.opts.auth.identifyAuthorization(authorization, identity.clientIp, randomUUID())), language: identity.language }
          : identity,
      run: (current, query, variables, operationName) =>
        current.userId ? this.opts.run(current, query, variables, operationName) : this.readPublic(current, query, variables, operationName),
      onEnd: () => {
        release();
        this.open.delete(stop);
      },
    });
    const stop = () => void stream.return(undefined);
    this.open.add(stop);
    return stream;
  }

  /** Anonymous readers of one event with the same selection share one read. */
  private readPublic(who: Identity, query: string, variables: Record<string, unknown>, operationName: string | undefined): Promise<ExecutionResult> {
    const key = `${who.language}\n${operationName ?? ''}\n${JSON.stringify(variables)}\n${query}`;
    let read = this.publicReads.get(key);
    if (!read) {
      read = this.opts.run(who, query, variables, operationName);
      this.publicReads.set(key, read);
      void read.catch(() => this.publicReads.delete(key));
    }
    return read;
  }

  /** Ends every subscription (the gateway is stopping): clients resume elsewhere with their last event id. */
  stopAll(): void {
    for (const stop of [...this.open]) stop();
  }
}

/** A refusal as a GraphQL error in the reader's language. */
export const refusalError = (r: Refusal, who: Identity) =>
  new GraphQLError(messageFor(who.language ?? DEFAULT_LANGUAGE, r.code, r.message), { extensions: { code: r.code, requestId: who.requestId } });

/** The HTTP status of a refusal of a subscription request. */
export const refusalStatus = (code: string) =>
  ({ UNAUTHENTICATED: 401, FORBIDDEN: 403, SUBSCRIPTION_LIMIT: 429, RATE_LIMITED: 429, SUBGRAPH_UNAVAILABLE: 503, SESSION_CHECK_UNAVAILABLE: 503 })[code] ?? 400;

export const subscriptionLimit = (limits: RealtimeLimits): Refusal => ({
  code: 'SUBSCRIPTION_LIMIT',
  message: `At most ${limits.perUser} subscriptions per user (${limits.perAddress} per address when not signed in) at once.`,
});
