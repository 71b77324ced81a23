import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, parse, type ExecutionResult } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Identity } from '../../core/identity';
import { DEFAULT_LANGUAGE, languageOf } from '../../core/language';
import type { TrustedDocuments } from '../trusted-documents';
import { resolveTrustedId } from '../graphql-route';
import { isRefusal, type PreparedSubscription } from './operation';
import { refusalError, subscriptionLimit, type Realtime, type Subscriber } from './realtime';

/** Where graphql-ws is served: an upgrade of the GraphQL path itself. */
export const WS_PATH = '/graphql';

interface Connection {
  subscriber: Subscriber;
  subscriptions: number;
}

interface Prepared {
  prepared: PreparedSubscription;
  subscriber: Subscriber;
  lastEventId: string | null;
}

/**
 * graphql-ws (the `graphql-transport-ws` subprotocol) on the gateway's public port, upgrading
 * `/graphql`. The credential is `connectionParams.authorization` (`Bearer <token>`, as the HTTP
 * header) and, optionally, `connectionParams.language`; refused connections close with 4401
 * (credential), 4429 (connect rate) or graphql-ws's own codes. Resuming: `extensions.lastEventId`
 * of a subscribe message. At most `perConnection` subscriptions per connection.
 */
export function attachWebSockets(
  server: Server,
  realtime: Realtime,
  trusted: TrustedDocuments,
  clientAddress: (req: IncomingMessage) => string,
): { close: () => Promise<void> } {
  const { protection } = realtime.opts;
  const wss = new WebSocketServer({ server, path: WS_PATH, maxPayload: protection.bodyLimitBytes });
  const connections = new WeakMap<object, Connection>();
  const dispose = useServer<Record<string, unknown> | undefined, { socket: WebSocket }>(
    {
      schema: () => realtime.opts.schema()!,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = typeof params.authorization === 'string' ? params.authorization : undefined;
        const language = (typeof params.language === 'string' ? languageOf(params.language) : null) ?? DEFAULT_LANGUAGE;
        const clientIp = clientAddress(ctx.extra.request) || null;
        let identity: Identity;
        try {
          identity = { ...(await realtime.opts.auth.identifyAuthorization(authorization, clientIp, randomUUID())), language };
        } catch (err) {
          const code = err instanceof GraphQLError ? String(err.extensions.code ?? 'UNAUTHENTICATED') : 'UNAUTHENTICATED';
          ctx.extra.socket.close(code === 'UNAUTHENTICATED' ? 4401 : 4503, code);
          return false;
        }
        const wait = await realtime.opts.rateLimiter.admit(identity, clientIp ?? undefined);
        if (wait !== null) {
          ctx.extra.socket.close(4429, `RATE_LIMITED: retry in ${wait} s`);
          return false;
        }
        connections.set(ctx, { subscriber: { identity, authorization }, subscriptions: 0 });
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const connection = connections.get(ctx)!;
        const { identity } = connection.subscriber;
        const request = { ...payload } as Record<string, unknown>;
        resolveTrustedId(request, trusted);
        const prepared = realtime.prepare(connection.subscriber, request);
        if (isRefusal(prepared)) return [refusalError(prepared, identity)];
        if (connection.subscriptions >= realtime.limits.perConnection) {
          return [refusalError({ code: 'SUBSCRIPTION_LIMIT', message: `At most ${realtime.limits.perConnection} subscriptions per connection.` }, identity)];
        }
        connection.subscriptions += 1;
        const lastEventId = typeof payload.extensions?.lastEventId === 'string' ? payload.extensions.lastEventId : null;
        const context: Prepared = { prepared, subscriber: connection.subscriber, lastEventId };
        // The arguments graphql-ws passes to `subscribe`: our own stream takes it from here.
        return { schema: realtime.opts.schema()!, document: SUBSCRIPTION, contextValue: context };
      },
      subscribe: async (args) => {
        const { prepared, subscriber, lastEventId } = args.contextValue as Prepared;
        const stream = await realtime.subscribe(prepared, subscriber, lastEventId);
        if (!stream) return { errors: [refusalError(subscriptionLimit(realtime.limits), subscriber.identity)] } as ExecutionResult;
        return stream;
      },
      onComplete: (ctx) => {
        const connection = connections.get(ctx);
        if (connection) connection.subscriptions = Math.max(0, connection.subscriptions - 1);
      },
      onNext: (ctx) => {
        // A client that does not take what it is sent is dropped, never buffered for without end.
        if (ctx.extra.socket.bufferedAmount > realtime.limits.maxBufferedBytes) ctx.extra.socket.close(CloseCode.InternalServerError, 'SLOW_CONSUMER');
      },
    },
    wss,
  );
  return {
    close: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away: resubscribe with your last event id');
      await dispose.dispose();
    },
  };
}

/** Stands in for the client's document once prepared: graphql-ws only reads that it is a subscription. */
const SUBSCRIPTION = parse('subscription { __typename }');
