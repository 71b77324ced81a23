import type { Server } from 'node:http';
import type { Express } from 'express';
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
  const ws = attachWebSockets(server, realtime, trusted);
  return {
    /** Ends every subscription and connection: clients resume elsewhere with their last event id. */
    close: async () => {
      realtime.stopAll();
      await ws.close();
    },
  };
}
