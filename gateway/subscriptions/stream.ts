import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import { eventId, parseEventId, type EventBus, type PlatformEvent } from '../../core/events';
import type { Identity } from '../../core/identity';
import { log } from '../../core/log';
import { ENTITY_VARIABLE, type PreparedSubscription } from './operation';

/** Runs the per-event query as the subscriber, through the gateway's whole pipeline. */
export type RunAs = (who: Identity, query: string, variables: Record<string, unknown>, operationName: string | undefined) => Promise<ExecutionResult>;

export interface StreamOptions {
  bus: EventBus;
  run: RunAs;
  /** Who the subscriber is now: throws (UNAUTHENTICATED) once their session ended. Called before every event. */
  whoNow: () => Promise<Identity>;
  /**
   * Events waiting to be read, and results waiting to be sent, per subscriber. Past it the waiting
   * events are let go and read again from the bus when there is room: memory stays bounded and a
   * burst (a relay's batch after an outage) loses nothing. A client that does not take what is
   * sent is the transport's to drop (SLOW_CONSUMER).
   */
  maxPending: number;
  /** Read from the bus in pages of this size when replaying. */
  pageSize?: number;
  /** Between events, `whoNow` is asked again this often (ms; 0: never), so a revoked session ends the stream. */
  recheckMs?: number;
  /** Called once when the stream ends, however it ends. */
  onEnd?: () => void;
}

/** The code a subscription starts with when its last event id is older than the window. */
export const EVENTS_MISSED = 'EVENTS_MISSED';

/**
 * One subscriber's stream of results. From `lastEventId` (the last event they got), it first
 * replays what the bus still holds after it, then goes on live, with neither a gap nor a
 * duplicate between the two: it listens to the bus before reading, and a cursor (the last seq
 * handled) drops what both give. A live event further on than the cursor's next is preceded by a
 * read of what lies between (a bus subscription that started late, or a message lost).
 *
 * Each event that concerns the subscriber is read through the graph as them; an answer with no
 * entity (NOT_FOUND, FORBIDDEN: not theirs, or not any more) is not sent. Every result carries
 * `extensions.eventId`.
 */
export function eventStream(
  sub: PreparedSubscription,
  who: Identity,
  from: { lastEventId: string } | { liveAfter: number },
  opts: StreamOptions,
): AsyncGenerator<ExecutionResult> {
  const lastEventId = 'lastEventId' in from ? from.lastEventId : null;
  const { bus } = opts;
  const { field } = sub;
  const pageSize = opts.pageSize ?? 500;
  const pending: PlatformEvent[] = [];
  const out: ExecutionResult[] = [];
  let cursor = 0;
  let ended: GraphQLError | null | false = false; // false: open; null: ended cleanly
  let wake: (() => void) | null = null;
  let recheck: NodeJS.Timeout | null = null;
  // Set when waiting events were let go (see maxPending); `roomy` wakes a deliver waiting for room.
  let behind = false;
  let roomy: (() => void) | null = null;
  const room = () => {
    roomy?.();
    roomy = null;
  };
  // Held by the start (replay) until it is done, then by one pump at a time.
  let pumping = true;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const end = (error: GraphQLError | null) => {
    if (ended !== false) return;
    ended = error;
    unsubscribe();
    if (recheck) clearInterval(recheck);
    notify();
    room();
    opts.onEnd?.();
  };
  const fail = (code: string, message: string) => end(new GraphQLError(message, { extensions: { code } }));

  const unsubscribe = bus.subscribe((event) => {
    if (event.stream !== field.stream || ended !== false) return;
    if (pending.length >= opts.maxPending) {
      pending.length = 0;
      behind = true;
    }
    pending.push(event);
    void pump();
  });

  const handle = async (event: PlatformEvent) => {
    if (event.seq <= cursor) return;
    // A gap in the live order: read what lies between first (the bus keeps it).
    if (event.seq > cursor + 1) {
      const between = await bus.read(field.stream, cursor, Math.min(event.seq - cursor - 1, pageSize));
      for (const e of between) if (e.seq < event.seq) await deliver(e);
    }
    await deliver(event);
  };

  // The subscriber as of now; null (and the stream ended) once their session has ended.
  const current = async (): Promise<Identity | null> => {
    try {
      return await opts.whoNow();
    } catch (err) {
      const e = err instanceof GraphQLError ? err : new GraphQLError('Your session has ended. Sign in again.', { extensions: { code: 'UNAUTHENTICATED' } });
      end(new GraphQLError(e.message, { extensions: { code: e.extensions.code ?? 'UNAUTHENTICATED' } }));
      return null;
    }
  };
  recheck = opts.recheckMs ? setInterval(() => void current(), opts.recheckMs) : null;
  recheck?.unref();

  const deliver = async (event: PlatformEvent) => {
    // Back-pressure: no more results than the bound wait for the transport.
    while (out.length >= opts.maxPending && ended === false) await new Promise<void>((resolve) => (roomy = resolve));
    if (event.seq <= cursor || ended !== false) return;
    cursor = event.seq;
    if (event.topic !== field.topic) return;
    const reader = await current();
    if (!reader || !field.concerns(event.payload, reader, sub.args)) return;
    const id = field.entityId(event.payload);
    if (typeof id !== 'string') return;
    const result = await opts.run(reader, sub.query, { ...sub.variables, [ENTITY_VARIABLE]: id }, sub.operationName);
    const data = result.data as Record<string, unknown> | null | undefined;
    // Not theirs to see (NOT_FOUND, FORBIDDEN, null), or not readable now: not delivered.
    if (!data || Object.values(data).some((v) => v === null)) {
      const codes = (result.errors ?? []).map((e) => e.extensions?.code);
      if (codes.some((c) => c !== 'NOT_FOUND' && c !== 'FORBIDDEN')) log.warn({ component: 'gateway', codes, event: eventId(event) }, 'subscription event not readable');
      return;
    }
    // `extensions.eventId` last: the SSE route finds it at the end of the message (gateway/subscriptions/sse.ts).
    const { extensions, data: _, errors } = result;
    out.push({ data, ...(errors?.length ? { errors } : {}), extensions: { ...extensions, eventId: eventId(event) } });
    notify();
  };

  // One event at a time, in the stream's order.
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (ended === false) {
        if (behind) {
          // Events were let go: read them again from the bus, from the last one handled.
          behind = false;
          await replayAfter(cursor);
          continue;
        }
        const next = pending.shift();
        if (!next) break;
        await handle(next);
      }
    } catch (err) {
      log.error({ component: 'gateway', err }, 'subscription failed');
      fail('INTERNAL_SERVER_ERROR', 'The subscription failed. Subscribe again with your last event id.');
    } finally {
      pumping = false;
    }
  };

  // Everything the bus holds after `seq`, in pages, then live.
  const replayAfter = async (seq: number) => {
    cursor = seq;
    for (;;) {
      const page = await bus.read(field.stream, cursor, pageSize);
      for (const event of page) await deliver(event);
      if (page.length < pageSize || ended !== false) break;
    }
  };
  const start = async () => {
    // Live: after the bus's last seq as read before this stream listened (Realtime.subscribe), so
    // nothing appended once the subscriber is told it is subscribed is lost.
    if (!lastEventId) return replayAfter((from as { liveAfter: number }).liveAfter);
    const last = parseEventId(lastEventId);
    if (!last || last.stream !== field.stream) {
      return fail('BAD_USER_INPUT', `lastEventId must be an event id of this subscription (${field.stream}:<n>).`);
    }
    const [oldest] = await bus.read(field.stream, 0, 1);
    if (oldest && oldest.seq > last.seq + 1) {
      // Older than the window: the client refetches, then follows from now on.
      out.push({ errors: [new GraphQLError('Events after your last event id are no longer kept. Reload, then follow on from here.', { extensions: { code: EVENTS_MISSED } })], extensions: { eventId: null } });
      return replayAfter(await bus.lastSeq(field.stream));
    }
    return replayAfter(last.seq);
  };
  void start()
    .catch((err) => {
      log.error({ component: 'gateway', err }, 'subscription failed to start');
      fail('INTERNAL_SERVER_ERROR', 'The subscription failed. Subscribe again with your last event id.');
    })
    .finally(() => {
      pumping = false;
      notify();
      void pump();
    });

  const results = (async function* () {
    try {
      for (;;) {
        while (out.length) {
          const result = out.shift()!;
          room();
          yield result;
        }
        if (ended !== false) {
          if (ended) yield { errors: [ended] };
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      end(null);
    }
  })();
  // Ended by the transport (client gone), even before the first result was asked for.
  const close = results.return.bind(results);
  results.return = (value) => {
    end(null);
    return close(value);
  };
  return results;
}
