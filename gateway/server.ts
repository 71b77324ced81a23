import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { ANONYMOUS, type IdentitySigner } from '../subgraphs/kit/identity';
import { maskErrors } from '../subgraphs/kit/server';
import type { TokenVerifier } from '../subgraphs/kit/tokens';
import { Authenticator } from './auth';
import type { GatewayContext } from './context';
import { explorerRouter } from './explorer';
import { feedsRouter } from './feeds';
import { filesRouter } from './files/routes';
import type { FileStore } from './files/store';
import type { GatewayServices } from './services';
import { SubgraphSource } from './subgraph-source';
import { supergraphFromFile } from './supergraph-file';

export interface GatewayOptions {
  supergraphPath: string;
  signer: IdentitySigner;
  verifier: TokenVerifier;
  production: boolean;
  host?: string;
  port?: number;
  /** Routing URLs that replace the supergraph's (tests and local runs on other ports). */
  subgraphUrls?: Record<string, string>;
  files: FileStore;
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

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const sources = new Map<string, SubgraphSource>();
  const anonymousToken = () => opts.signer.sign({ ...ANONYMOUS, service: 'gateway' });
  const supergraph = supergraphFromFile(opts.supergraphPath);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) => {
      const source = new SubgraphSource(name, opts.subgraphUrls?.[name] ?? url!, anonymousToken);
      sources.set(name, source);
      return source;
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      reportDiagnostics,
    ],
    includeStacktraceInErrorResponses: !opts.production,
    formatError: maskErrors(opts.production, 'gateway'),
  });
  await apollo.start();
  const auth = new Authenticator(opts.verifier, opts.signer);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
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
      const contextValue: GatewayContext = {
        identity,
        identityToken: await opts.signer.sign(identity),
        requestId: identity.requestId,
        diagnostics: {},
        wantDiagnostics: false,
      };
      const res = await apollo.executeOperation({ query, variables }, { contextValue });
      if (res.body.kind !== 'single' || res.body.singleResult.errors?.length) {
        throw new Error(`public query failed: ${JSON.stringify(res.body.kind === 'single' ? res.body.singleResult.errors : 'incremental')}`);
      }
      return res.body.singleResult.data as never;
    },
  };
  app.use(explorerRouter());
  app.use(filesRouter(services));
  app.use(feedsRouter(services));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: ({ req }) => auth.context(req, !opts.production) }),
  );

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? 0, host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return { url: `${origin}/graphql`, origin, stop: () => apollo.stop() };
}
