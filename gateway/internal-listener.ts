import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { IdentityIssuer } from '../core/identity-tokens';
import { metricsHandler } from '../core/metrics';

/** Where a JWKS is published on the internal listener. */
export const JWKS_PATH = '/.well-known/jwks.json';
/** Where subgraphs send their granted reads of each other's data. */
export const SERVICE_PATH = '/service/graphql';

export interface InternalListener {
  app: Express;
  origin: string;
  /** The gateway's public keys, for subgraphs to verify identity tokens with. */
  jwksUrl: string;
  /** Subgraphs' granted reads of each other's data (served once the gateway has started). */
  serviceUrl: string;
  stop: () => Promise<void>;
}

/**
 * The gateway's second port, for the platform's own parts and never for the public: the JWKS
 * subgraphs verify identities with (up before any subgraph starts), subgraphs' scoped calls for
 * data another subgraph owns (`/service/graphql`), `/graphql` uncached for operators and tests
 * (each request's subgraph calls its own, so its trace shows what it costs), and `/metrics`.
 * Bind it to an internal interface only (INTERNAL_HOST).
 */
export async function startInternalListener(opts: { issuer: IdentityIssuer; host: string; port: number }): Promise<InternalListener> {
  const app = express();
  app.disable('x-powered-by');
  const jwks = JSON.stringify(opts.issuer.jwks());
  app.get(JWKS_PATH, (_req, res) => {
    // Subgraphs cache the keys; a rotation publishes the next key well before it signs.
    res.setHeader('cache-control', 'max-age=60');
    res.type('application/jwk-set+json').send(jwks);
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', listener: 'internal' });
  });
  // This process's metrics: the gateway's, and those of the subgraphs and pools it runs beside.
  app.get('/metrics', metricsHandler());
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${port}`;
  return {
    app,
    origin,
    jwksUrl: `${origin}${JWKS_PATH}`,
    serviceUrl: `${origin}${SERVICE_PATH}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
