import { generateSigningKey } from '../core/identity-tokens';

/**
 * `npm run -s identity-key`: a new private Ed25519 signing key (JWK with a kid) for the gateway's
 * IDENTITY_SIGNING_KEYS. With `--rotate`, reads the current IDENTITY_SIGNING_KEYS and prints the
 * ring with the new key second: published by every gateway, signing nothing yet. A minute later
 * (the subgraphs' JWKS cache), move it first; later drop the old one.
 */
const key = await generateSigningKey();
if (process.argv.includes('--rotate')) {
  const current = JSON.parse(process.env.IDENTITY_SIGNING_KEYS ?? '[]') as unknown[];
  if (!Array.isArray(current) || current.length === 0) throw new Error('--rotate needs the current IDENTITY_SIGNING_KEYS');
  console.log(JSON.stringify([current[0], key, ...current.slice(1)]));
} else {
  console.log(JSON.stringify([key]));
}
