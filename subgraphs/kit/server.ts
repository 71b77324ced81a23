import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { sql, type Kysely } from 'kysely';
import { auditMutations, checkAuditLog, RequestAudit, type AuditRecorder } from './audit';
import { auditOutboxRouter } from './audit-outbox';
import type { EventOutbox } from './event-outbox';
import { declaresUserError, userErrorResolvers } from './messages';
import { localizeMessages } from '../../core/messages';
import { requestScope } from './db';
import { ServiceGraph } from './service-graph';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../../core/database-errors';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '../../core/headers';
import { inSpan, serverSpans, tracing } from '../../core/tracing';
import type { Identity } from '../../core/identity';
import type { Language } from '../../core/language';
import { requestLog } from '../../core/request-log';
import { metricsHandler } from '../../core/metrics';
import type { IdentityVerifier, VerifiedCall } from '../../core/identity-tokens';
import { log } from '../../core/log';

/** Reads a subgraph's SDL relative to its module, never the working directory. */
export function loadSchema(moduleUrl: string, file = 'schema.graphql'): DocumentNode {
  return parse(readFileSync(new URL(file, moduleUrl), 'utf8'));
}

/** What every request context carries; each subgraph adds its loaders on top. */
export interface BaseContext {
  identity: Identity;
  /** Reads of data other subgraphs own, granted to this subgraph, for this request (kit/service-graph.ts). */
  graph: ServiceGraph;
  /** Records this mutation in the transaction of its change (kit/audit.ts). */
  audit: AuditRecorder;
  /**
   * The reader's language: what the gateway resolved for the request and signed into the identity
   * token (core/language.ts), never a header. Content and messages answer in it (kit/language.ts).
   */
  language: Language;
}

/**
 * A resolver map as `buildSubgraphSchema` takes it, read from its signature: the package exports
 * the function but not the type. Each subgraph types its map with the `Resolvers` generated from
 * its SDL (`generated/resolvers.ts`, `npm run codegen`), which binds parents, arguments, results
 * and the context; this only says where the map goes.
 */
type SchemaModule<T> = T extends readonly (infer M)[] ? Exclude<M, DocumentNode> : never;
export type ResolverMap = NonNullable<SchemaModule<Parameters<typeof buildSubgraphSchema>[0]>['resolvers']>;

export interface SubgraphDefinition<Ctx extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
  /** Builds the per-request context: identity plus fresh DataLoaders. */
  context: (base: BaseContext) => Ctx;
  /**
   * How long (seconds) an answer built from this subgraph's data may be kept: sent as
   * `Cache-Control: max-age` on its responses, and the gateway keeps an anonymous answer for the
   * least max-age of the subgraphs it asked (gateway/response-cache.ts). `narrow` lowers it per
   * request (publications: until the next scheduled item turns public). Without it: 0, never kept.
   */
  cache?: { maxAge: number; narrow?: (ctx: Ctx) => Promise<number> };
  /** Where this subgraph's audit log is (kit/audit.ts); every mutation is audited but these. */
  audit: AuditOptions;
  /** Ends what the subgraph runs beside its server (identity's hashing threads), after the server stopped. */
  stop?: () => Promise<void>;
  /**
   * Housekeeping run every `everyMs` while the subgraph serves (first run one interval after the
   * start). Every replica runs it, so each job must be safe to run twice at once; a failure is
   * logged and retried at the next interval. `atStart`: also run once as soon as the server listens.
   */
  jobs?: { name: string; everyMs: number; atStart?: boolean; run: () => Promise<unknown> }[];
  /** The subgraph's events (kit/event-outbox.ts): relayed while it serves, kicked after each mutation. */
  events?: EventOutbox;
}

export interface AuditOptions {
  /** The subgraph's own database, with its `audit_log` (kit/audit-migration.ts). */
  db: Kysely<any>;
  /** Mutations that are no act on the platform's records (signing in, the relay's own writes). */
  notAudited?: readonly string[];
  /**
   * False for identity only: its `audit_log` is the merged log itself, so nothing is relayed
   * from it and it serves no outbox.
   */
  outbox?: boolean;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop: () => Promise<void>;
}

export interface SubgraphServerOptions {
  /** Checks the gateway-signed identity on every request; its audience is this subgraph's name. */
  verifier: IdentityVerifier;
  /** The gateway's internal path for reads of other subgraphs' data (`…/service/graphql`). */
  serviceUrl: string;
  production: boolean;
  host?: string;
  port?: number;
  /**
   * Serve this process's metrics at `/metrics` (a subgraph run as a part of its own). Off when it
   * runs beside the gateway, whose internal listener serves the same process's metrics.
   */
  metrics?: boolean;
}

/**
 * The cache policy of data that changes only through the platform's mutations: the gateway drops
 * every kept answer on any mutation (in every replica), so the max-age bounds only what no
 * mutation announces (a change made beside the platform, a gateway on another machine).
 */
export const UNTIL_A_MUTATION = { maxAge: 60 };

/** Lowers a request's cache policy to what `narrow` says, before the response's header is made. */
function narrowCachePolicy<Ctx extends BaseContext>(narrow: (ctx: Ctx) => Promise<number>): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, overallCachePolicy }) {
          // A failure here (its database gone for a moment) would fail the whole request with a
          // bare HTTP 500; instead the answer is not kept, and the fields say what failed.
          const maxAge = await narrow(contextValue).catch((err: Error) => {
            log.warn({ component: 'cache policy', requestId: contextValue.identity?.requestId, err }, 'max-age not decided; the answer is not kept');
            return 0;
          });
          overallCachePolicy.restrict({ maxAge });
        },
      };
    },
  };
}

/**
 * Relays a mutation's events as soon as its answer is ready: by then its transaction committed,
 * so the event reaches subscribers without waiting for the relay's timer.
 */
function relayAfterMutations(events: EventOutbox): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation === 'mutation') void events.kick();
        },
      };
    },
  };
}

/** PostgreSQL's class 22 (data exception): a value the client sent that the column cannot hold. */
const isDataException = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && /^22[0-9A-Z]{3}$/.test((err as { code: string }).code);

const internalOf = (error: unknown) => (error as { originalError?: unknown })?.originalError ?? error;

/**
 * Internal details (SQL, the database's words, stack traces) never leave a subgraph, in any mode:
 * a development build is reachable too, and its logs have the detail (`logInternalErrors`). Input
 * the database refused to cast, which the resolvers' own checks missed, is still the client's
 * error, and said so without the database's message. A lost or unreachable database is
 * DATABASE_UNAVAILABLE: the client may retry (a mutation with its idempotency key).
 */
export function maskErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseUnavailable(internalOf(error))) {
    return { message: 'The service is briefly unavailable. Try again in a moment.', path: formatted.path, extensions: { code: DATABASE_UNAVAILABLE } };
  }
  if (isDataException(internalOf(error))) {
    return { message: 'A value in the request is not valid for its field.', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Logs what `maskErrors` hides, with the request id the client was given, so it can be found. */
export function logInternalErrors(subgraph: string): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors) {
            const code = e.extensions?.code;
            if (code && code !== 'INTERNAL_SERVER_ERROR') continue;
            log.error({ component: subgraph, requestId: contextValue.identity?.requestId, err: internalOf(e) }, 'internal error');
          }
        },
      };
    },
  };
}

type RawBodyRequest = express.Request & { rawBody?: Buffer };

/** The GraphQL execution of a subgraph request as a span of its own, under the request's. */
function graphqlSpan(handler: express.RequestHandler, subgraph: string): express.RequestHandler {
  return (req, res, next) => {
    if (!tracing()) return handler(req, res, next);
    void inSpan('graphql', { 'egov.component': subgraph }, () => new Promise<void>((resolve) => {
      res.once('close', resolve);
      handler(req, res, (err?: unknown) => {
        resolve();
        next(err);
      });
    }));
  };
}

/**
 * The caller of a request to a subgraph, from the identity token the gateway signed for this
 * subgraph and this body; null (and a log line with the request id) for anything else. Every
 * route of a subgraph but `/health` goes through it.
 */
export async function authenticate(req: express.Request, verifier: IdentityVerifier, subgraph: string): Promise<VerifiedCall | null> {
  const token = req.header(IDENTITY_HEADER);
  const requestId = req.header(REQUEST_ID_HEADER)?.slice(0, 64) ?? '-';
  if (!token) {
    log.warn({ component: subgraph, requestId }, 'refused: no identity token');
    return null;
  }
  try {
    return await verifier.verifyCall(token, (req as RawBodyRequest).rawBody ?? '');
  } catch (err) {
    log.warn({ component: subgraph, requestId, reason: (err as Error).message }, 'refused: identity token not valid');
    return null;
  }
}

/**
 * Starts one subgraph over HTTP. Every request must carry an identity the gateway signed for this
 * subgraph and this very request; anything else is refused before GraphQL runs, so a subgraph's
 * port is no back door and what one subgraph receives is no key to another.
 */
export async function startSubgraph<Ctx extends BaseContext>(
  def: SubgraphDefinition<Ctx>,
  opts: SubgraphServerOptions,
): Promise<RunningSubgraph> {
  if (opts.verifier.audience !== def.name) throw new Error(`subgraph ${def.name} would accept tokens meant for ${opts.verifier.audience}`);
  const app = express();
  app.disable('x-powered-by');
  // Only the gateway calls a subgraph, by POST, and never revalidates: hashing every body for an
  // ETag would be wasted work.
  app.set('etag', false);
  // A span per request, continuing the gateway's trace; a line per request at `debug` (the
  // gateway's line already says what was asked).
  app.use(serverSpans(def.name), requestLog(def.name, 'debug'));
  const httpServer = http.createServer(app);
  // Keep idle connections open longer than the gateway's client keeps them, so the gateway never
  // sends a request on a socket this server is just closing ("socket hang up").
  httpServer.keepAliveTimeout = 65_000;
  const outbox = def.audit.outbox !== false;
  await checkAuditLog(def.name, def.audit.db, outbox);
  const schema = buildSubgraphSchema([
    {
      typeDefs: def.typeDefs,
      resolvers: {
        DateTime: DateTimeResolver,
        JSON: JSONResolver,
        ...(declaresUserError(def.typeDefs) ? userErrorResolvers : {}),
        ...def.resolvers,
      } as ResolverMap,
    },
  ]);
  auditMutations(schema, { db: def.audit.db, subgraph: def.name, notAudited: def.audit.notAudited ?? [] });
  const apollo = new ApolloServer<Ctx>({
    schema,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Inline tracing costs every request; nothing here reads the traces.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      logInternalErrors(def.name) as ApolloServerPlugin<Ctx>,
      localizeMessages<Ctx>((ctx) => ctx.language) as ApolloServerPlugin<Ctx>,
      ApolloServerPluginCacheControl({ defaultMaxAge: def.cache?.maxAge ?? 0 }),
      ...(def.cache?.narrow ? [narrowCachePolicy(def.cache.narrow)] : []),
      ...(def.events ? [relayAfterMutations(def.events)] : []),
    ],
    includeStacktraceInErrorResponses: false,
    // Only the gateway reads a subgraph's answers: Apollo's default indents them (for people using
    // curl), which cost the subgraphs 3.7 % of their CPU under the ad-hoc bench and the gateway
    // the bytes to parse.
    stringifyResult: (result) => JSON.stringify(result),
    // The platform decides when to stop (scripts/start.ts), in order: gateway first, database last.
    stopOnTerminationSignals: false,
    formatError: maskErrors,
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: def.name });
  });
  if (opts.metrics) app.get('/metrics', metricsHandler());
  // Ready when its database answers: a load balancer or orchestrator sends it traffic only then.
  app.get('/ready', async (_req, res) => {
    try {
      await sql`select 1`.execute(def.audit.db);
      res.json({ status: 'ready', subgraph: def.name });
    } catch {
      res.status(503).json({ status: 'not ready', subgraph: def.name, database: 'unreachable' });
    }
  });
  if (outbox) {
    app.use('/audit', auditOutboxRouter({ subgraph: def.name, db: def.audit.db, authenticate: (req) => authenticate(req, opts.verifier, def.name) }));
  }
  app.use(
    '/graphql',
    // The raw body is kept: the identity token is bound to exactly these bytes.
    express.json({ limit: '2mb', verify: (req, _res, buf) => ((req as RawBodyRequest).rawBody = buf) }),
    async (req, res, next) => {
      const call = await authenticate(req, opts.verifier, def.name);
      if (!call) {
        res.status(401).json({ errors: [{ message: 'This subgraph answers only the gateway.', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      res.locals.identity = call.identity;
      requestScope.run({ openTransactions: 0, deadline: call.deadline }, () => next());
    },
    graphqlSpan(
      expressMiddleware(apollo, {
        context: async ({ req, res }) =>
          def.context({
            identity: res.locals.identity,
            language: (res.locals.identity as Identity).language,
            graph: new ServiceGraph(opts.serviceUrl, req.header(IDENTITY_HEADER)!, res.locals.identity.requestId),
            audit: new RequestAudit(res.locals.identity),
          }),
      }),
      def.name,
    ),
  );

  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const timers = (def.jobs ?? []).map((job) => {
    const run = () => job.run().catch((err) => log.error({ component: def.name, job: job.name, err }, 'job failed'));
    if (job.atStart) void run();
    const timer = setInterval(run, job.everyMs);
    // A job never keeps the process alive.
    timer.unref();
    return timer;
  });
  def.events?.start();
  return {
    name: def.name,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/graphql`,
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await apollo.stop();
      await def.events?.stop();
      await def.stop?.();
    },
  };
}
