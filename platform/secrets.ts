import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { generateSigningKey } from '../core/identity-tokens';
import { generateKeyPairPem } from '../core/session-tokens';
import type { Env } from './config';

export interface Secrets {
  /** The gateway's identity signing keys (private JWKs, first one signs); never given to a subgraph. */
  identityKeys: JWK[];
  /** Sign-in tokens: the identity subgraph signs with the private key, the gateway verifies. */
  jwtPrivateKey: string;
  jwtPublicKey: string;
}

/**
 * The signing keys: from the environment when given (production must give them); otherwise
 * generated once and kept under DATA_DIR, so sign-in tokens survive a restart of a local run.
 */
export async function loadSecrets(env: Env, persistDir: string | null): Promise<Secrets> {
  const given = env.IDENTITY_SIGNING_KEYS && env.JWT_PRIVATE_KEY && env.JWT_PUBLIC_KEY;
  if (given) return { identityKeys: env.IDENTITY_SIGNING_KEYS!, jwtPrivateKey: env.JWT_PRIVATE_KEY!, jwtPublicKey: env.JWT_PUBLIC_KEY! };
  if (env.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  IDENTITY_SIGNING_KEYS, JWT_PRIVATE_KEY and JWT_PUBLIC_KEY are required in production');
  }
  const file = persistDir ? path.join(persistDir, 'secrets.json') : null;
  const kept = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : null;
  // A data folder from before the gateway signed with its own keys has sign-in keys only.
  if (kept?.identityKeys?.length && kept.jwtPrivateKey && kept.jwtPublicKey) return kept as Secrets;
  const keys = kept?.jwtPrivateKey && kept.jwtPublicKey ? { privateKey: kept.jwtPrivateKey, publicKey: kept.jwtPublicKey } : await generateKeyPairPem();
  const secrets: Secrets = { identityKeys: [await generateSigningKey()], jwtPrivateKey: keys.privateKey, jwtPublicKey: keys.publicKey };
  if (file) {
    mkdirSync(persistDir!, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}
