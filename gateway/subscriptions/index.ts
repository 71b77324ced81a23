import type { Server } from 'node:http';
import type { Express } from 'express';
import proxyaddr from 'proxy-addr';
import type { TrustedDocuments } from '../trusted-documents';
import { Realtime, type RealtimeOptions } from './realtime';
import { SSE_PATH, sseRoute } from './sse';
import { attachWebSockets } from './ws';

export type { RealtimeLimits } from './realtime';

/**
 * The gateway's subscriptions (`@apollo/gateway` executes none): GraphQL over SSE at
 * `/graphql/stream` and graphql-ws on `/graphql`, both fed by the event bus and answered, event by
 * event, through the gateway's own pipeline as the subscriber. Mount before `/graphql`.
 */
export function realtimeEndpoints(app: Express, server: Server, trusted: TrustedDocuments, opts: RealtimeOptions) {
  const realtime = new Realtime(opts);
  app.post(SSE_PATH, ...sseRoute(realtime, trusted));
  // A connection's client address as for every request: the socket's, or what TRUST_PROXY's proxies
  // say in X-Forwarded-For (express's own rule, set on the app before this is mounted).
  const ws = attachWebSockets(server, realtime, trusted, (req) => proxyaddr(req, app.get('trust proxy fn')));
  return {
    /** Ends every subscription and connection: clients resume elsewhere with their last event id. */
    close: async () => {
      realtime.stopAll();
      await ws.close();
    },
  };
}
