import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../core/database-errors';
import { REQUEST_ID_HEADER } from '../core/headers';
import { SESSION_PATH } from '../core/session-introspection';
import { requestLog } from '../core/request-log';
import { serverSpans } from '../core/tracing';
import { publicLink } from '../core/links';
import { DEFAULT_LANGUAGE } from '../core/language';
import { localizeMessages } from '../core/messages';
import { ANONYMOUS, type Identity } from '../core/identity';
import type { IdentityIssuer } from '../core/identity-tokens';
import type { TokenVerifier } from '../core/session-tokens';
import { PasswordAdmission } from './admission';
import { AuditRelay, gatewayAuth } from './audit-relay';
import { CacheInvalidation } from './cache-invalidation';
import { fieldGraphsOf, type FieldGraphs } from './cache-tags';
import { Authenticator, contextFor } from './auth';
import type { GatewayContext } from './context';
import { Drain } from './drain';
import { explorerRouter } from './explorer';
import { feedsRouter } from './feeds';
import { documentsRouter } from './files/documents';
import { filesRouter } from './files/routes';
import type { FileStore } from '../core/file-store';
import { graphqlRoute, refuse, trustedDocumentsPolicy } from './graphql-route';
import { SERVICE_PATH, type InternalListener } from './internal-listener';
import { metricsPlugin } from './metrics';
import { portalRouter } from './portal';
import { protectionPlugin, type ProtectionConfig } from './protection';
import { RateLimiter } from './rate-limit';
import { securityHeaders } from './security-headers';
import { askIdentity, SessionCheck } from './session-check';
import { QueryPlanWarmup, type KnownOperation } from './query-plan-warmup';
import { ResponseCache, type CachedOperation, type Refresher, type ResponseCacheOptions } from './response-cache';
import type { GatewayServices } from './services';
import { grantsPolicy, identifySubgraph, type ServiceGrants } from './service-calls';
import { refuseRetryable, retryableStatus } from './retryable';
import { SubgraphSource } from './subgraph-source';
import type { SupergraphSource } from '../core/supergraph-source';
import { supergraphFromFile } from './supergraph-file';
import type { TrustedDocuments } from './trusted-documents';
import { log } from '../core/log';
import { MemoryEventBus, type EventBus } from '../core/events';
import { realtimeEndpoints, type RealtimeLimits } from './subscriptions';

export interface GatewayOptions {
  /** The supergraph file, watched for changes (used unless `supergraph` is given). */
  supergraphPath?: string;
  /** Another supergraph source, e.g. the schema registry (registry/supergraph-source.ts). */
  supergraph?: SupergraphSource;
  /** Mounts further routes on the public app (the platform mounts the schema registry's). */
  mount?: (app: express.Express, identify: (req: Request) => Promise<Identity>) => void;
  /** Signs the caller's identity for each subgraph call; the gateway alone holds its keys. */
  issuer: IdentityIssuer;
  /** Checks sign-in tokens. */
  verifier: TokenVerifier;
  /** The internal listener (already serving the JWKS); the gateway adds its GraphQL routes. */
  internal: InternalListener;
  /** Which documents each subgraph may run over the internal path. */
  serviceGrants: ServiceGrants;
  /**
   * The platform's own subgraphs (rover.yaml). Only they hear the caller's address (per-address
   * sign-in limits); a department's subgraph is a third party and gets none.
   */
  platformSubgraphs?: readonly string[];
  production: boolean;
  protection: ProtectionConfig;
  trusted: TrustedDocuments;
  files: FileStore;
  host?: string;
  port?: number;
  /** Routing URLs that replace the supergraph's (tests and local runs on other ports). */
  subgraphUrls?: Record<string, string>;
  /**
   * Whether this gateway relays the subgraphs' audit entries into identity's merged log (default: yes).
   * Off only for a gateway whose identity is not the one its other subgraphs' entries belong in (a
   * test's own): it would ack them into a log nobody reads, and the real one would never get them.
   */
  relayAudit?: boolean;
  /** The public origin (PUBLIC_URL) for links in feeds and uploads; unset: root-relative links. */
  publicUrl?: string;
  /** Anonymous reads answered from memory as long as their subgraphs allow (gateway/response-cache.ts); off unless given. */
  responseCache?: ResponseCacheOptions | false;
  /** The clients' operations, planned whenever a supergraph loads (gateway/query-plan-warmup.ts). */
  knownOperations?: () => KnownOperation[];
  /** On stop, how long requests in flight may take to finish (SHUTDOWN_GRACE_MS); new ones get 503. */
  shutdownGraceMs?: number;
  /** The platform's events (core/events.ts), which subscriptions follow; null or unset: a bus of its own that stays empty. */
  events?: EventBus | null;
  /** Bounds of the subscription endpoints (gateway/subscriptions/realtime.ts). */
  realtime?: Partial<RealtimeLimits>;
}

export interface RunningGateway {
  url: string;
  origin: string;
  /** `/graphql` on the internal listener (uncached; outside production, each request's subgraph calls its own). */
  internalUrl: string;
  /** Resolves when the plans of the known operations for the current supergraph are made; how many. */
  plansWarmed: () => Promise<number>;
  stop: () => Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const { protection } = opts;
  const sources = new Map<string, SubgraphSource>();
  if (!opts.supergraph && !opts.supergraphPath) throw new Error('the gateway needs a supergraph file or source');
  const supergraph = opts.supergraph ?? supergraphFromFile(opts.supergraphPath!);
  const plans = new QueryPlanWarmup(opts.knownOperations ?? (() => []));
  // @apollo/gateway reports usage to Apollo unless told not to, and before that probes the cloud's
  // metadata services (169.254.169.254, metadata.google.internal, …) to describe the machine: a
  // government's gateway talks to its own subgraphs only. Its one switch is this variable, read
  // when the gateway is built (gateway/no-phoning-home.test.ts watches every outgoing request).
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Only the clients' operations are named in metrics (gateway/metrics.ts).
  const operationNames = new Set((opts.knownOperations?.() ?? []).map((o) => o.operationName));
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    queryPlannerConfig: { cache: plans.cache },
    buildService: ({ name, url }) => {
      const source = new SubgraphSource(name, opts.subgraphUrls?.[name] ?? url!, opts.issuer, protection.subgraphTimeoutMs, {
        hearsAddress: opts.platformSubgraphs?.includes(name) ?? false,
      });
      sources.set(name, source);
      return source;
    },
  });
  plans.attach(gateway);
  // The API schema served now and which subgraph serves each field: the response cache tags answers
  // and mutations with them. Listened to before the gateway starts, so the first load is heard too.
  let apiSchema: { schema: GraphQLSchema; graphs: FieldGraphs } | undefined;
  let responseCache: ResponseCache | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = { schema, graphs: fieldGraphsOf(coreSupergraphSdl) };
    // A new supergraph may answer the same documents differently (or refuse them).
    responseCache?.clear();
  });
  const auditRelay = (opts.relayAudit ?? true) ? new AuditRelay({ subgraphs: () => [...sources.values()], auth: gatewayAuth(opts.issuer) }) : null;

  const app = express();
  app.disable('x-powered-by');
  // Who the client is: the socket's address, unless a proxy trusted by TRUST_PROXY says otherwise.
  app.set('trust proxy', protection.trustProxy);
  const httpServer = http.createServer(app);
  // Keep-alive longer than typical load balancers' idle timeout, so they never reuse a closed socket.
  httpServer.keepAliveTimeout = 65_000;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: protection.maxTokens },
    // Introspection is decided per caller by the protection plugin.
    introspection: true,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      protectionPlugin({ production: opts.production, limits: protection.limits }),
      ...(auditRelay ? [auditRelay.plugin()] : []),
      retryableStatus,
      metricsPlugin(() => operationNames),
      // The gateway's own refusals (limits, a subgraph unreachable) in the reader's language.
      localizeMessages<GatewayContext>((ctx) => ctx.identity?.language) as ApolloServerPlugin<GatewayContext>,
    ],
    includeStacktraceInErrorResponses: !opts.production,
    // The platform decides when to stop (scripts/start.ts), in order: gateway first, database last.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const sessions = new SessionCheck(
    askIdentity(() => sources.get('identity'), gatewayAuth(opts.issuer), protection.subgraphTimeoutMs),
    protection.sessionCheckSeconds,
  );
  const auth = new Authenticator(opts.verifier, sessions);
  const rateLimiter = new RateLimiter(protection.rateLimit);
  // Stale answers are refreshed in the background as an anonymous caller, the way they were made.
  // The gateway's own reads (cache refreshes, feeds), run as the anonymous public through the
  // whole pipeline; undefined when the answer is incremental or has errors.
  const asPublic = async (op: CachedOperation) => {
    const { language = DEFAULT_LANGUAGE, ...request } = op;
    const contextValue = contextFor({ ...ANONYMOUS, requestId: randomUUID(), language });
    const res = await apollo.executeOperation({ ...request, variables: request.variables as Record<string, unknown> | undefined }, { contextValue });
    const answer = res.body.kind === 'single' && !res.body.singleResult.errors?.length ? res.body.singleResult : undefined;
    return { res, answer };
  };
  const refresh: Refresher = async (op) => {
    const { res, answer } = await asPublic(op);
    return answer ? { body: `${JSON.stringify(answer)}\n`, cacheControl: res.http.headers.get('cache-control') } : null;
  };
  // Gateways tell each other of every mutation through Redis (replicas and other hosts alike):
  // none keeps serving an answer a mutation through another has made stale.
  const invalidation = opts.responseCache ? new CacheInvalidation(protection.rateLimit.redisUrl) : null;
  responseCache = opts.responseCache ? new ResponseCache(opts.responseCache, refresh, (tags) => invalidation?.announce(tags), () => apiSchema) : null;
  invalidation?.onAnnounced((tags) => responseCache?.evict(tags));

  // Every response carries a request id, which is also in the logs and in every error.
  const requestIds = (req: Request, res: Response, next: NextFunction) => {
    const requestId = req.header(REQUEST_ID_HEADER)?.slice(0, 64) || randomUUID();
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  };
  app.use(serverSpans('gateway'), requestIds, requestLog('gateway'));
  // First after the request id: while stopping, nothing new is begun.
  const drain = new Drain();
  drain.watch(httpServer);
  app.use(drain.middleware());
  app.use(securityHeaders());
  app.use(cors({ origin: protection.corsOrigins, credentials: false, maxAge: 600 }));

  app.get('/health', (_req, res) => {
    // Which process answered: with several replicas on one port (PLATFORM_WORKERS), operators can tell them apart.
    res.json({ status: 'ok', replica: process.pid });
  });
  // Ready when every subgraph is: up, and able to reach its database (a subgraph without `/ready`
  // of its own, a third party's, counts as ready when it is up).
  const subgraphState = async (url: string): Promise<string> => {
    const get = (path: string) => fetch(new URL(path, url), { signal: AbortSignal.timeout(2000) });
    try {
      let r = await get('/ready');
      if (r.status === 404) r = await get('/health');
      if (r.ok) return 'ok';
      const body = (await r.json().catch(() => ({}))) as { database?: string };
      return body.database === 'unreachable' ? 'database unreachable' : `status ${r.status}`;
    } catch {
      return 'unreachable';
    }
  };
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all([...sources.values()].map(async (s) => [s.name, await subgraphState(s.url)] as const));
    const ready = sources.size > 0 && checks.every(([, s]) => s === 'ok');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      subgraphs: Object.fromEntries(checks),
      supergraphError: supergraph.lastError() ? 'the last supergraph update was invalid and ignored' : null,
      // Redis unreachable: still limited, but each replica counts alone (not a reason to take it out).
      rateLimits: rateLimiter.mode,
    });
  });

  const services: GatewayServices = {
    files: opts.files,
    identify: (req) => auth.identify(req),
    publicQuery: async (query, variables, language) => {
      const { res, answer } = await asPublic({ query, variables, language });
      if (!answer) throw new Error(`public query failed: ${JSON.stringify(res.body.kind === 'single' ? res.body.singleResult.errors : 'incremental')}`);
      return answer.data as never;
    },
    asCaller: async (identity, query, variables) => {
      const res = await apollo.executeOperation({ query, variables }, { contextValue: contextFor(identity) });
      if (res.body.kind !== 'single') return null;
      return (res.body.singleResult.data ?? null) as never;
    },
    fileLinks: {
      sign: (fileId, userId, seconds) => opts.issuer.signFileLink(fileId, userId, seconds),
      verify: (token, fileId) => opts.issuer.verifyFileLink(token, fileId),
    },
  };
  // The graph first: it is nearly every request, and needs no walk past the other routes.
  const identify = (req: Request) => auth.identify(req);
  // One count of password work for every route of this gateway (gateway/admission.ts).
  const admission = new PasswordAdmission(protection.passwordWorkInFlight, protection.passwordWorkPerSecond);
  const publicRoute = { apollo, identify, rateLimiter, protection, admission, trusted: opts.trusted, documents: trustedDocumentsPolicy(opts.trusted), readsLanguage: true };
  // Subscriptions (GraphQL over SSE on /graphql/stream, graphql-ws upgrading /graphql): each event
  // is read through this same pipeline as the subscriber (gateway/subscriptions/).
  const realtime = realtimeEndpoints(app, httpServer, opts.trusted, {
    bus: opts.events ?? new MemoryEventBus(),
    schema: () => apiSchema?.schema,
    auth,
    rateLimiter,
    documents: publicRoute.documents,
    protection,
    production: opts.production,
    limits: opts.realtime,
    run: async (identity, query, variables, operationName) => {
      const res = await apollo.executeOperation({ query, variables, operationName }, { contextValue: contextFor({ ...identity, requestId: randomUUID() }) });
      return res.body.kind === 'single' ? (res.body.singleResult as ExecutionResult) : { errors: [] };
    },
  });
  app.use('/graphql', ...graphqlRoute({ ...publicRoute, responseCache, alone: false }));
  // The internal listener: the same graph uncached, each request's subgraph calls its own (outside
  // production; operators and tests see in its traces what one request costs), and subgraphs'
  // scoped reads of each other's data.
  const internal = opts.internal.app;
  internal.use(serverSpans('gateway-internal'), requestIds, requestLog('gateway-internal'));
  internal.use('/graphql', ...graphqlRoute({ ...publicRoute, responseCache: null, alone: !opts.production }));
  internal.use(
    SERVICE_PATH,
    ...graphqlRoute({
      ...publicRoute,
      identify: identifySubgraph(opts.issuer),
      documents: grantsPolicy(opts.serviceGrants),
      readsLanguage: false,
      responseCache: null,
      alone: false,
    }),
  );
  // Whether a sign-in token holds now (signature, expiry and session version), for a part that takes
  // tokens without a gateway in front of it: the registry's /admin (core/session-introspection.ts).
  internal.get(SESSION_PATH, async (req, res) => {
    try {
      const who = await auth.identify(req);
      if (!who.userId) return refuse(res, 401, 'UNAUTHENTICATED', 'Present the sign-in token to check.');
      res.json({ userId: who.userId, roles: who.roles, departmentId: who.departmentId });
    } catch (err) {
      const e = err as GraphQLError;
      const status = (e.extensions?.http as { status?: number } | undefined)?.status ?? 401;
      refuse(res, status, String(e.extensions?.code ?? 'UNAUTHENTICATED'), e.message);
    }
  });
  // The other public routes count against the same limits as the graph. A token that does not
  // verify only counts as its address here; the route itself refuses it.
  const identifyForLimits = async (req: Request, res: Response, next: NextFunction) => {
    res.locals.identity = await auth.identify(req).catch(() => ({ ...ANONYMOUS, clientIp: req.ip ?? null }));
    next();
  };
  app.use(['/feeds', '/files', '/documents', '/admin'], identifyForLimits, rateLimiter.middleware());
  app.use(explorerRouter());
  // Links never come from the Host header, which the client writes.
  app.use(filesRouter(services, { link: (pathname) => publicLink(opts.publicUrl, pathname) }));
  app.use(documentsRouter(services));
  app.use(feedsRouter(services, { publicUrl: opts.publicUrl }));
  opts.mount?.(app, identify);
  // The web portal at `/`, after every route of the gateway's own so it never shadows one.
  app.use(portalRouter());
  // Body too large, or not JSON: answered in GraphQL's shape, never with an HTML stack page.
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large') return refuse(res, 413, 'BODY_TOO_LARGE', `The request body exceeds ${protection.bodyLimitBytes} bytes.`);
    if (err.status && err.status < 500) return refuse(res, err.status, 'BAD_REQUEST', 'The request body is not valid JSON.');
    // The file store's database is gone for a moment: the upload or download may be retried.
    if (isDatabaseUnavailable(err)) return refuseRetryable(res, DATABASE_UNAVAILABLE, 'The service is briefly unavailable. Try again in a moment.');
    log.error({ component: 'gateway', requestId: res.locals.requestId, err }, 'internal error');
    return refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.');
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? 0, host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  auditRelay?.start();
  const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    internalUrl: `${opts.internal.origin}/graphql`,
    plansWarmed: () => plans.done,
    stop: async () => {
      // New requests are refused while those in flight finish; then Apollo closes the listener.
      const drained = drain.drain(opts.shutdownGraceMs ?? 10_000);
      // Subscriptions' streams never finish by themselves: ended now, clients resume elsewhere.
      await realtime.close();
      await drained;
      await apollo.stop();
      // After the drain: the entries of the last staff mutations are relayed before it stops.
      await auditRelay?.stop();
      await rateLimiter.close();
      await invalidation?.close();
    },
  };
}
