import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { ANONYMOUS, type Identity, type IdentitySigner } from '../subgraphs/kit/identity';
import type { TokenVerifier } from '../subgraphs/kit/tokens';
import { auditPlugin } from './audit';
import { Authenticator } from './auth';
import type { GatewayContext } from './context';
import { explorerRouter } from './explorer';
import { feedsRouter } from './feeds';
import { filesRouter } from './files/routes';
import type { FileStore } from './files/store';
import { limitsRule } from './limits';
import { portalRouter } from './portal';
import { mayExplore, protectionPlugin, type ProtectionConfig } from './protection';
import { RateLimiter } from './rate-limit';
import { ResponseCache, type ResponseCacheOptions } from './response-cache';
import type { GatewayServices } from './services';
import { SubgraphSource } from './subgraph-source';
import { supergraphFromFile, type SupergraphSource } from './supergraph-file';
import { registryAdminRouter } from '../registry/admin-routes';
import type { Registry } from '../registry/registry';
import type { TrustedDocuments } from './trusted-documents';

export interface GatewayOptions {
  /** The supergraph file, watched for changes (used unless `supergraph` is given). */
  supergraphPath?: string;
  /** Another supergraph source, e.g. the schema registry (registry/supergraph-source.ts). */
  supergraph?: SupergraphSource;
  /** The schema registry, managed by admins at /admin/subgraphs. */
  registry?: Registry;
  signer: IdentitySigner;
  verifier: TokenVerifier;
  production: boolean;
  protection: ProtectionConfig;
  trusted: TrustedDocuments;
  files: FileStore;
  host?: string;
  port?: number;
  /** Routing URLs that replace the supergraph's (tests and local runs on other ports). */
  subgraphUrls?: Record<string, string>;
  /** Anonymous reads answered from memory for a second (gateway/response-cache.ts); off unless given. */
  responseCache?: ResponseCacheOptions | false;
}

export interface RunningGateway {
  url: string;
  origin: string;
  stop: () => Promise<void>;
}

const reportDiagnostics: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (!contextValue.wantDiagnostics || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, diagnostics: contextValue.diagnostics };
      },
    };
  },
};

/** A refusal before GraphQL runs, shaped like a GraphQL response so every client can read it. */
const refuse = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: res.locals.requestId } }] });

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const { protection } = opts;
  const sources = new Map<string, SubgraphSource>();
  const anonymousToken = () => opts.signer.sign({ ...ANONYMOUS, service: 'gateway' });
  if (!opts.supergraph && !opts.supergraphPath) throw new Error('the gateway needs a supergraph file or source');
  const supergraph = opts.supergraph ?? supergraphFromFile(opts.supergraphPath!);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) => {
      const source = new SubgraphSource(name, opts.subgraphUrls?.[name] ?? url!, anonymousToken, protection.subgraphTimeoutMs);
      sources.set(name, source);
      return source;
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // Keep-alive longer than typical load balancers' idle timeout, so they never reuse a closed socket.
  httpServer.keepAliveTimeout = 65_000;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: protection.maxTokens },
    validationRules: [limitsRule(protection.limits)],
    // Introspection is decided per caller by the protection plugin.
    introspection: true,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      protectionPlugin({ production: opts.production, limits: protection.limits }),
      auditPlugin({ signer: opts.signer, identityUrl: () => sources.get('identity')?.url }),
      reportDiagnostics,
    ],
    includeStacktraceInErrorResponses: !opts.production,
    // The platform decides when to stop (scripts/start.ts), in order: gateway first, database last.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const auth = new Authenticator(opts.verifier, opts.signer);
  const rateLimiter = new RateLimiter(protection.rateLimit);
  const rateLimit = rateLimiter.middleware();
  const responseCache = opts.responseCache ? new ResponseCache(opts.responseCache) : null;

  // Every response carries a request id, which is also in the logs and in every error.
  app.use((req, res, next) => {
    const requestId = req.header('x-request-id')?.slice(0, 64) || randomUUID();
    req.headers['x-request-id'] = requestId;
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });
  app.use(cors({ origin: protection.corsOrigins, credentials: false, maxAge: 600 }));

  app.get('/health', (_req, res) => {
    // Which process answered: with several replicas on one port (PLATFORM_WORKERS), operators can tell them apart.
    res.json({ status: 'ok', replica: process.pid });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(
      [...sources.values()].map(async (s) => {
        try {
          const r = await fetch(new URL('/health', s.url), { signal: AbortSignal.timeout(2000) });
          return [s.name, r.ok ? 'ok' : `status ${r.status}`] as const;
        } catch {
          return [s.name, 'unreachable'] as const;
        }
      }),
    );
    const ready = sources.size > 0 && checks.every(([, s]) => s === 'ok');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      subgraphs: Object.fromEntries(checks),
      supergraphError: supergraph.lastError() ? 'the last supergraph update was invalid and ignored' : null,
    });
  });

  const services: GatewayServices = {
    files: opts.files,
    identify: (req) => auth.identify(req),
    publicQuery: async (query, variables) => {
      const identity = { ...ANONYMOUS, requestId: randomUUID() };
      const res = await apollo.executeOperation({ query, variables }, { contextValue: await auth.contextFor(identity, false) });
      if (res.body.kind !== 'single' || res.body.singleResult.errors?.length) {
        throw new Error(`public query failed: ${JSON.stringify(res.body.kind === 'single' ? res.body.singleResult.errors : 'incremental')}`);
      }
      return res.body.singleResult.data as never;
    },
  };
  app.use(explorerRouter());
  app.use(filesRouter(services));
  app.use(feedsRouter(services));
  if (opts.registry) app.use(registryAdminRouter(opts.registry, (req) => auth.identify(req)));

  app.use(
    '/graphql',
    // Who is calling, once per request; an invalid token is refused here.
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        res.locals.identity = await auth.identify(req);
        next();
      } catch (err) {
        refuse(res, 401, 'UNAUTHENTICATED', err instanceof GraphQLError ? err.message : 'Invalid credentials.');
      }
    },
    (req: Request, res: Response, next: NextFunction) => ((res.locals.identity as Identity).service ? next() : rateLimit(req, res, next)),
    express.json({ limit: protection.bodyLimitBytes }),
    (req: Request, res: Response, next: NextFunction) => {
      const body = req.body as unknown;
      if (Array.isArray(body) && body.length > protection.maxBatch) {
        return refuse(res, 400, 'BATCH_LIMIT', `A batch may hold at most ${protection.maxBatch} operations.`);
      }
      const ops = (Array.isArray(body) ? body : [body]).filter((op): op is Record<string, unknown> => !!op && typeof op === 'object');
      for (const op of ops) resolveTrustedId(op, opts.trusted);
      // GET requests carry the query in the URL.
      const queries = req.method === 'GET' ? [req.query.query] : ops.map((op) => op.query);
      const untrusted = opts.trusted.mode !== 'off' && queries.some((q) => typeof q === 'string' && !opts.trusted.isTrusted(q));
      if (untrusted && !mayExplore({ identity: res.locals.identity } as GatewayContext)) {
        if (opts.trusted.mode === 'enforce') {
          return refuse(res, 400, 'OPERATION_NOT_TRUSTED', 'Only the operations of the platform’s clients may be sent.');
        }
        console.warn(`[gateway] ${res.locals.requestId} untrusted operation (safelist: log)`);
      }
      next();
    },
    responseCache ? responseCache.middleware() : (_req: Request, _res: Response, next: NextFunction) => next(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => auth.contextFor(res.locals.identity as Identity, !opts.production && req.header('x-egov-diagnostics') === '1'),
    }),
  );
  // The web portal at `/`, after every route of the gateway's own so it never shadows one.
  app.use(portalRouter());
  // Body too large, or not JSON: answered in GraphQL's shape, never with an HTML stack page.
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large') return refuse(res, 413, 'BODY_TOO_LARGE', `The request body exceeds ${protection.bodyLimitBytes} bytes.`);
    if (err.status && err.status < 500) return refuse(res, err.status, 'BAD_REQUEST', 'The request body is not valid JSON.');
    console.error(`[gateway] ${res.locals.requestId}`, err);
    return refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side.');
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? 0, host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    stop: async () => {
      await apollo.stop();
      await rateLimiter.close();
    },
  };
}

/**
 * A client may send a trusted document's id instead of its text: `documentId`, or Apollo's APQ
 * `extensions.persistedQuery.sha256Hash` without a query. Unknown ids fall through to APQ.
 */
function resolveTrustedId(op: Record<string, unknown>, trusted: TrustedDocuments): void {
  if (!op || typeof op !== 'object' || op.query) return;
  const apq = (op.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  const id = typeof op.documentId === 'string' ? op.documentId : typeof apq === 'string' ? apq : null;
  const body = id ? trusted.lookup(id) : undefined;
  if (!body) return;
  op.query = body;
  // Apollo would otherwise check the APQ hash against the text; the manifest already vouches for it.
  if (op.extensions) delete (op.extensions as Record<string, unknown>).persistedQuery;
  delete op.documentId;
}
