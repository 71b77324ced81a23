import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { hasRole, type Identity } from '../core/identity';
import type { GatewayContext } from './context';
import type { RateLimits } from './rate-limit';
import { checkOperation, type OperationLimits } from './limits';
import { RETRYABLE_CODES } from './retryable';
import { refusal } from './rules/support';
import { log } from '../core/log';

/** Everything that protects the graph from hostile or careless callers, from the environment. */
export interface ProtectionConfig {
  limits: OperationLimits;
  maxTokens: number;
  maxBatch: number;
  bodyLimitBytes: number;
  rateLimit: RateLimits;
  corsOrigins: string[];
  subgraphTimeoutMs: number;
  /** Which proxies may name the client in X-Forwarded-For (Express's `trust proxy`); false: none. */
  trustProxy: TrustProxy;
  /** How long a user's session state (gateway/session-check.ts) is trusted before identity is asked again. */
  sessionCheckSeconds: number;
  /** Operations doing password work (sign-in, registration, password change) under way at once in this gateway; 0: no bound here. */
  passwordWorkInFlight: number;
  /** Of those, admitted per second in this gateway (evenly); 0: no rate bound here. */
  passwordWorkPerSecond: number;
}

/** A hop count, or the proxies' addresses and subnets; false trusts none. */
export type TrustProxy = number | string[] | false;

/** Analysts and admins may explore the graph ad hoc even in production. */
export const mayExplore = (ctx: GatewayContext) => hasRole(ctx.identity, 'ANALYST', 'ADMIN');

/** Outside production anyone may introspect; in production, those who may explore. */
export const mayIntrospect = (production: boolean, identity: Identity) => !production || mayExplore({ identity } as GatewayContext);

/** Codes a client may see as they are; anything else is an internal failure. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
  'DEPTH_LIMIT', 'ALIAS_LIMIT', 'TOO_MANY_ROOT_FIELDS', 'COST_LIMIT', 'PAGE_SIZE_LIMIT', 'TOKEN_LIMIT',
  'OPERATION_NOT_TRUSTED', 'INTROSPECTION_DISABLED', 'RATE_LIMITED', 'INVALID_CHARACTER', 'VARIABLES_LIMIT',
  'SESSION_CHECK_UNAVAILABLE', 'SUBSCRIPTION_TRANSPORT', 'SUBSCRIPTIONS_ONLY', 'SUBSCRIPTION_LIMIT', 'EVENTS_MISSED', 'SLOW_CONSUMER',
  ...RETRYABLE_CODES,
]);

/**
 * Limits, trusted documents, introspection and error hygiene, as one Apollo plugin:
 * - refuses operations over the limits (gateway/limits.ts) before any subgraph is called;
 * - in production, introspection and "did you mean" suggestions only for analysts and admins, and
 *   no internal message, stack trace or subgraph address in any error;
 * - every error carries the request id, which is also in the logs.
 */
export function protectionPlugin(opts: {
  production: boolean;
  limits: OperationLimits;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          // Apollo leaves an operation it cannot pick to the gateway's executor, which fails it
          // as an internal error (a 500): it is the client's request that names no operation.
          if (!operation) throw unresolvedOperation(request.operationName);
          // @apollo/gateway executes no subscription (it would fail with a 500): they have their own endpoints.
          if (operation.operation === 'subscription') {
            throw refusal('SUBSCRIPTION_TRANSPORT', 'Subscribe with GraphQL over SSE (POST /graphql/stream) or graphql-ws (/graphql), not a plain request.');
          }
          // Once per request, with its variables and caller: the document alone, as Apollo
          // validates and caches it, cannot say what `first: $n` costs or who asks for `__schema`.
          const [refused] = checkOperation(schema, document, operation, opts.limits, {
            variables: request.variables ?? {},
            operationName: operation.name?.value,
            mayIntrospect: mayIntrospect(opts.production, contextValue.identity),
          });
          if (!refused) return;
          // Only a variable that does not coerce is reported without a code, as execution would.
          throw refused.extensions.code ? refused : refusal('BAD_USER_INPUT', refused.message, refused.nodes);
        },
        async didEncounterErrors({ errors }) {
          for (const e of errors) {
            const code = e.extensions?.code;
            if (!code || !PUBLIC_CODES.has(String(code))) {
              log.error({ component: 'gateway', requestId: contextValue.requestId, err: e.originalError ?? e }, 'internal error');
            }
          }
        },
        async willSendResponse({ response, request }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          // GraphQL over HTTP: a client that accepts only application/json gets 200 for a request
          // that fails to parse, validate or coerce variables (the errors say why); clients that
          // accept application/graphql-response+json keep the 4xx. Limit refusals stay 400.
          const legacyJson = !request.http?.headers.get('accept')?.includes('application/graphql-response+json');
          const requestErrors = response.body.singleResult.errors.every(
            (e) => ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'].includes(String(e.extensions?.code)) && !/tokens\. Parsing aborted/.test(e.message),
          );
          if (legacyJson && requestErrors && response.http.status === 400) response.http.status = 200;
          busyAnswer(response.body.singleResult.errors, response.http);
          const hideSuggestions = opts.production && !mayExplore(contextValue);
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
            clean(e, contextValue.requestId, opts.production, hideSuggestions),
          );
        },
      };
    },
  };
}

/**
 * A subgraph too busy to do the work now (the identity subgraph's password hashing) says so with
 * RATE_LIMITED and `retryAfterSeconds`: the client gets what the gateway's own rate limit sends,
 * HTTP 429 with Retry-After, so retries back off the same way.
 */
function busyAnswer(errors: readonly GraphQLFormattedError[], http: { status?: number; headers: Map<string, string> }): void {
  const busy = errors.filter((e) => e.extensions?.code === 'RATE_LIMITED');
  if (busy.length === 0) return;
  const seconds = Math.max(1, ...busy.map((e) => Number(e.extensions?.retryAfterSeconds) || 1));
  http.status = 429;
  http.headers.set('retry-after', String(Math.ceil(seconds)));
}

function unresolvedOperation(name: string | undefined): GraphQLError {
  const message = name ? `The document has no operation named "${name}".` : 'The document holds several operations: name one in operationName.';
  return new GraphQLError(message, { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
}

function clean(e: GraphQLFormattedError, requestId: string, production: boolean, hideSuggestions: boolean): GraphQLFormattedError {
  let code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  // graphql-js words it "more that N tokens" in some releases.
  if (/more tha[nt] \d+ tokens/.test(e.message)) code = 'TOKEN_LIMIT';
  if (!production) {
    // Messages stay for developers; stack traces, which quote internals, go to the logs only.
    const { stacktrace: _, ...extensions } = e.extensions ?? {};
    return { ...e, extensions: { ...extensions, code, requestId } };
  }
  if (!PUBLIC_CODES.has(code)) {
    return { message: 'Something went wrong on our side. Quote the request id if you contact us.', path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
  }
  const message = hideSuggestions ? e.message.replace(/\s*Did you mean[^?]*\?/g, '') : e.message;
  const retry = code === 'RATE_LIMITED' && typeof e.extensions?.retryAfterSeconds === 'number' ? { retryAfterSeconds: e.extensions.retryAfterSeconds } : {};
  return { message, locations: e.locations, path: e.path, extensions: { code, requestId, ...retry } };
}
