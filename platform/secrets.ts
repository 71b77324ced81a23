import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './config';
import { generateKeyPairPem } from '../core/session-tokens';

export interface Secrets {
  internalSecret: string;
  jwtPrivateKey: string;
  jwtPublicKey: string;
}

/**
 * The signing secrets: from the environment when given (production must give them); otherwise
 * generated once and kept under DATA_DIR, so sign-in tokens survive a restart of a local run.
 */
export async function loadSecrets(env: Env, persistDir: string | null): Promise<Secrets> {
  const given = env.INTERNAL_SECRET && env.JWT_PRIVATE_KEY && env.JWT_PUBLIC_KEY;
  if (given) return { internalSecret: env.INTERNAL_SECRET!, jwtPrivateKey: env.JWT_PRIVATE_KEY!, jwtPublicKey: env.JWT_PUBLIC_KEY! };
  if (env.NODE_ENV === 'production') {
    throw new Error('Invalid configuration:\n  INTERNAL_SECRET, JWT_PRIVATE_KEY and JWT_PUBLIC_KEY are required in production');
  }
  const file = persistDir ? path.join(persistDir, 'secrets.json') : null;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  const keys = await generateKeyPairPem();
  const secrets = { internalSecret: randomBytes(32).toString('base64url'), jwtPrivateKey: keys.privateKey, jwtPublicKey: keys.publicKey };
  if (file) {
    mkdirSync(persistDir!, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}
