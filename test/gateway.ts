import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { parseEnv } from '../platform/config';
import { protectionFromEnv } from '../gateway/protection';
import { startGateway, type GatewayOptions, type RunningGateway } from '../gateway/server';
import { MANIFEST_FILE } from '../core/operations';
import { TrustedDocuments, type SafelistMode } from '../gateway/trusted-documents';
import { SUPERGRAPH_FILE } from '../schema/rover-config';
import { IdentitySigner } from '../core/identity';
import { TokenVerifier } from '../core/session-tokens';

/**
 * A second gateway over the running subgraphs, for tests that need other settings (production
 * mode, an enforced safelist, tight rate limits) or their own copy of the supergraph file.
 */
export async function startTestGateway(
  settings: { env?: Record<string, string>; safelist?: SafelistMode; supergraphCopy?: boolean } & Partial<GatewayOptions> = {},
): Promise<RunningGateway & { supergraphPath: string }> {
  const env = parseEnv({ ...settings.env });
  const secrets = inject('secrets');
  let supergraphPath = SUPERGRAPH_FILE;
  if (settings.supergraphCopy) {
    supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'gateway-')), 'supergraph.graphql');
    copyFileSync(SUPERGRAPH_FILE, supergraphPath);
  }
  const gateway = await startGateway({
    supergraphPath,
    signer: new IdentitySigner(secrets.internalSecret),
    verifier: await TokenVerifier.fromPem(secrets.jwtPublicKey),
    production: env.NODE_ENV === 'production',
    protection: protectionFromEnv(env),
    trusted: TrustedDocuments.fromFile(MANIFEST_FILE, settings.safelist ?? 'off'),
    subgraphUrls: inject('subgraphUrls'),
    files: { put: async () => Promise.reject(new Error('read-only')), head: async () => null, read: async () => null },
    ...settings,
  });
  return { ...gateway, supergraphPath };
}

/** POSTs one GraphQL request to a gateway. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = { raw: text };
  }
  return { status: res.status, headers: res.headers, body: json };
}
