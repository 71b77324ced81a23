import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { createHandler } from 'graphql-sse';
import type { Identity } from '../../core/identity';
import { refuse, resolveTrustedId } from '../graphql-route';
import { readerLanguage } from '../reader-language';
import type { TrustedDocuments } from '../trusted-documents';
import { isRefusal } from './operation';
import { refusalError, refusalStatus, subscriptionLimit, type Realtime } from './realtime';

/** Where GraphQL over SSE is served. */
export const SSE_PATH = '/graphql/stream';

/**
 * GraphQL over SSE (the graphql-sse protocol) in its **distinct connections mode**: each
 * subscription is one `POST /graphql/stream` (`Accept: text/event-stream`) whose response is its
 * event stream. Chosen over the single connection mode because it keeps no state between
 * requests: the `Authorization` header goes with every subscription as with any request, and a
 * reconnection may land on any gateway (the single mode's reservation lives in one process).
 *
 * Each `next` message also has an SSE `id:` line, the event id, which an EventSource-style client
 * sends back as `Last-Event-ID` when it reconnects; `extensions.lastEventId` in the request does
 * the same for clients that cannot set that header. The protocol's messages are unchanged.
 */
export function sseRoute(realtime: Realtime, trusted: TrustedDocuments) {
  const { protection } = realtime.opts;
  const handler = createHandler<Request, { res: Response }>({
    // No reservations: the distinct connections mode only.
    authenticate: () => null,
    onSubscribe: async (req, params) => {
      const res = req.context.res;
      const who = res.locals.subscriber as { identity: Identity; authorization: string | undefined };
      const sub = realtime.prepare(who, params);
      const lastEventId = req.headers.get('last-event-id') ?? (params.extensions?.lastEventId as string | undefined) ?? null;
      const stream = isRefusal(sub) ? null : await realtime.subscribe(sub, who, lastEventId);
      const refusal = isRefusal(sub) ? sub : stream ? null : subscriptionLimit(realtime.limits);
      if (refusal) {
        const error = refusalError(refusal, who.identity);
        return [JSON.stringify({ errors: [error.toJSON()] }), { status: refusalStatus(refusal.code), statusText: refusal.code, headers: { 'content-type': 'application/json; charset=utf-8' } }];
      }
      return stream!;
    },
  });

  return [
    async (req: Request, res: Response, next: NextFunction) => {
      res.locals.language = readerLanguage(req);
      try {
        const identity = await realtime.opts.auth.identify(req);
        res.locals.identity = { ...identity, language: res.locals.language };
        res.locals.subscriber = { identity: res.locals.identity, authorization: req.header('authorization') };
        next();
      } catch (err) {
        const e = err instanceof GraphQLError ? err : null;
        const status = Number((e?.extensions.http as { status?: number } | undefined)?.status ?? 401);
        refuse(res, status, String(e?.extensions.code ?? 'UNAUTHENTICATED'), e?.message ?? 'Invalid credentials.');
      }
    },
    // Connects count against the same per-address and per-user limits as requests.
    realtime.opts.rateLimiter.middleware(),
    express.json({ limit: protection.bodyLimitBytes }),
    (req: Request, _res: Response, next: NextFunction) => {
      if (req.body && typeof req.body === 'object') resolveTrustedId(req.body as Record<string, unknown>, trusted);
      next();
    },
    async (req: Request, res: Response) => {
      const [body, init] = await handler({
        method: req.method,
        url: req.url,
        headers: { get: (key) => req.header(key) },
        body: req.body as Record<string, unknown>,
        raw: req,
        context: { res },
      });
      res.writeHead(init.status, init.statusText, { ...init.headers, ...(typeof body === 'string' || !body ? {} : { 'x-accel-buffering': 'no' }) });
      if (!body || typeof body === 'string') return void res.end(body);
      res.once('close', () => void body.return(undefined));
      for await (const chunk of body) {
        // A client that does not take what it is sent is dropped, never buffered for without end.
        if (res.writableLength > realtime.limits.maxBufferedBytes) {
          res.destroy();
          break;
        }
        if (!res.writable) break;
        res.write(withEventId(chunk));
      }
      res.end();
    },
  ];
}

/** The event id (last in every result, core of the protocol's `next` message) as the SSE `id:` field too. */
const EVENT_ID_AT_END = /"eventId":"([a-z][a-z0-9_-]{0,63}:[0-9]{1,16})"\}\}\n\n$/;

export function withEventId(chunk: string): string {
  if (!chunk.startsWith('event: next\n')) return chunk;
  const id = EVENT_ID_AT_END.exec(chunk)?.[1];
  return id ? `id: ${id}\n${chunk}` : chunk;
}
