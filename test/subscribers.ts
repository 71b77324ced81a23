import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { PlatformEvent } from '../core/events';

/** What a subscriber has been sent, in order; `next()` waits for the next message (never sleeps a fixed time). */
export class Inbox<T = any> {
  private readonly items: T[] = [];
  private readonly waiting: ((item: T) => void)[] = [];
  error: unknown = null;
  completed = false;

  push(item: T): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  next(ms = 15_000): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message within ${ms} ms (error: ${JSON.stringify(this.error)})`)), ms);
      this.waiting.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }

  get pending(): number {
    return this.items.length;
  }
}

export interface Subscribed {
  inbox: Inbox;
  /** Resolves when the server ends the subscription (complete or error). */
  ended: Promise<unknown>;
  close: () => void;
}

type Request = { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> };

function sink(inbox: Inbox) {
  let end!: (value: unknown) => void;
  const ended = new Promise((resolve) => (end = resolve));
  return {
    ended,
    sink: {
      next: (value: unknown) => inbox.push(value),
      error: (err: unknown) => {
        inbox.error = err;
        inbox.push({ transportError: err });
        end(err);
      },
      complete: () => {
        inbox.completed = true;
        end(null);
      },
    },
  };
}

/** Subscribes over GraphQL over SSE (graphql-sse's client, distinct connections mode), as the portal does. */
export function sseSubscribe(origin: string, request: Request, opts: { token?: string; lastEventId?: string } = {}): Subscribed {
  const client = createSseClient({
    url: `${origin}/graphql/stream`,
    retryAttempts: 0,
    headers: () => ({
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {}),
    }),
  });
  const inbox = new Inbox();
  const { ended, sink: s } = sink(inbox);
  const unsubscribe = client.subscribe(request, s);
  return { inbox, ended, close: () => (unsubscribe(), client.dispose()) };
}

/** Subscribes over graphql-ws, the credential in connectionParams. */
export function wsSubscribe(origin: string, request: Request, opts: { token?: string } = {}): Subscribed & { client: WsClient } {
  const client = createWsClient({
    url: `${origin.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
  });
  const inbox = new Inbox();
  const { ended, sink: s } = sink(inbox);
  const unsubscribe = client.subscribe(request, s);
  return { client, inbox, ended, close: () => (unsubscribe(), void client.dispose()) };
}

/** An event as a subgraph's relay appends it. */
export const event = (stream: string, seq: number, topic: string, payload: Record<string, unknown>): PlatformEvent => ({
  stream,
  seq,
  topic,
  at: new Date().toISOString(),
  payload,
});
