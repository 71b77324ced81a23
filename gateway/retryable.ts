import type { ApolloServerPlugin } from '@apollo/server';
import type { Response } from 'express';
import { DATABASE_UNAVAILABLE } from '../core/database-errors';
import { DEADLINE_PASSED } from '../core/deadline';
import type { GatewayContext } from './context';

/** A subgraph could not be reached (gateway/subgraph-source.ts). */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Codes that say "nothing is wrong with the request, try it again in a moment". */
export const RETRYABLE_CODES = new Set([DATABASE_UNAVAILABLE, DEADLINE_PASSED, SUBGRAPH_UNAVAILABLE, 'SHUTTING_DOWN']);

/** Seconds a client should wait before retrying a request that failed for a passing reason. */
export const RETRY_AFTER_SECONDS = 1;

/** A refusal of a request that may simply be sent again: 503 with Retry-After, in GraphQL's shape. */
export function refuseRetryable(res: Response, code: string, message: string): void {
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(503).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });
}

/**
 * An answer that failed as a whole for a passing reason (every error retryable, no field answered)
 * is a 503 with Retry-After, so load balancers, proxies and HTTP clients that know nothing of
 * GraphQL retry it too. An answer with some data stays 200: the client has something to show.
 */
export const retryableStatus: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors, data } = response.body.singleResult;
        if (!errors?.length || !errors.every((e) => RETRYABLE_CODES.has(String(e.extensions?.code)))) return;
        if (data && Object.values(data).some((v) => v !== null)) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      },
    };
  },
};
