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

type Request = { query: string; operationName?: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> };

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

/** One message of an event stream as sent: the SSE `id:` line (if any), the event, the parsed data. */
export interface StreamMessage {
  id: string | null;
  event: string;
  data: any;
}

/**
 * `POST /graphql/stream` read by hand: resolves once the gateway answered (it then holds the
 * subscription, so whatever commits from now on is sent), with the messages as they come.
 */
export async function openStream(
  origin: string,
  request: Request,
  headers: Record<string, string> = {},
): Promise<{ status: number; inbox: Inbox<StreamMessage>; ended: Promise<void>; close: () => void }> {
  const abort = new AbortController();
  const res = await fetch(`${origin}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(request),
    signal: abort.signal,
  });
  const inbox = new Inbox<StreamMessage>();
  const ended = (async () => {
    if (!res.body) return;
    let text = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        text += Buffer.from(chunk).toString();
        let cut;
        while ((cut = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, cut);
          text = text.slice(cut + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? null;
          const event = field('event');
          if (!event) continue; // a keep-alive comment
          const data = field('data');
          inbox.push({ id: field('id'), event, data: data ? JSON.parse(data) : null });
        }
      }
    } catch {
      // closed by us, or the gateway went away
    }
    inbox.completed = true;
  })();
  return { status: res.status, inbox, ended, close: () => abort.abort() };
}
