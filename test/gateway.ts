import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { parseEnv } from '../platform/config';
import { protectionFromEnv } from '../platform/gateway-settings';
import { startGateway, type GatewayOptions, type RunningGateway } from '../gateway/server';
import { MANIFEST_FILE } from '../core/operations';
import { TrustedDocuments, type SafelistMode } from '../gateway/trusted-documents';
import { readRoverConfig, SUPERGRAPH_FILE } from '../schema/rover-config';
import { IdentityIssuer } from '../core/identity-tokens';
import { startInternalListener } from '../gateway/internal-listener';
import { ServiceGrants } from '../gateway/service-calls';
import type { Registry } from '../registry/registry';
import { registryAdminRouter } from '../registry/admin-routes';
import { TokenVerifier } from '../core/session-tokens';

/** Rate limits no test's own load reaches, for a gateway whose test is not about them. */
export const UNLIMITED_RATES = { RATE_LIMIT_IP_PER_MINUTE: '1000000', RATE_LIMIT_USER_PER_MINUTE: '1000000' };

/**
 * A second gateway over the running subgraphs, for tests that need other settings (production
 * mode, an enforced safelist, tight rate limits) or their own copy of the supergraph file.
 */
export async function startTestGateway(
  settings: { env?: Record<string, string>; safelist?: SafelistMode; supergraphCopy?: boolean; registry?: Registry } & Partial<GatewayOptions> = {},
): Promise<RunningGateway & { supergraphPath: string }> {
  const env = parseEnv({ ...settings.env });
  const secrets = inject('secrets');
  let supergraphPath = SUPERGRAPH_FILE;
  if (settings.supergraphCopy) {
    supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'gateway-')), 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_FILE, supergraphPath);
  }
  // The platform's keys: the running subgraphs verify with the JWKS the platform publishes.
  const issuer = await IdentityIssuer.fromKeys(secrets.identityKeys);
  const internal = await startInternalListener({ issuer, host: '127.0.0.1', port: 0 });
  const { registry, ...options } = settings;
  // A gateway over an identity of the test's own would take the shared platform's audit entries
  // into that identity's log, and the platform's auditLog would never see them.
  const sharedIdentity = (options.subgraphUrls ?? inject('subgraphUrls')).identity === inject('subgraphUrls').identity;
  const gateway = await startGateway({
    supergraphPath,
    issuer,
    internal,
    serviceGrants: new ServiceGrants({}),
    platformSubgraphs: readRoverConfig().subgraphs.map((s) => s.name),
    mount: registry ? (app, identify) => app.use(registryAdminRouter(registry, identify)) : undefined,
    verifier: await TokenVerifier.fromPem(secrets.jwtPublicKey),
    production: env.NODE_ENV === 'production',
    publicUrl: env.PUBLIC_URL,
    protection: protectionFromEnv(env),
    trusted: TrustedDocuments.fromFile(MANIFEST_FILE, settings.safelist ?? 'off'),
    subgraphUrls: inject('subgraphUrls'),
    relayAudit: sharedIdentity,
    files: { put: async () => Promise.reject(new Error('read-only')), head: async () => null, heads: async () => [], read: async () => null, remove: async () => 0 },
    ...options,
  });
  return {
    ...gateway,
    supergraphPath,
    stop: async () => {
      await gateway.stop();
      await internal.stop();
    },
  };
}

/** A response's JSON body, or `{ raw }` with its text when it is not JSON (a proxy's error page). */
export async function jsonOrRaw(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

/** POSTs one GraphQL request to a gateway. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: await jsonOrRaw(res) };
}
