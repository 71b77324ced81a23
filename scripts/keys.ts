import { generateSigningKey } from '../core/identity-tokens';
import { generateKeyPairPem } from '../core/session-tokens';

/**
 * `npm run -s keys` (`node dist/keys.js` in the image): a new set of the platform's three keys as
 * env-file lines (PEM line breaks written `\n`), for an operator's secret store. Gateways take
 * IDENTITY_SIGNING_KEYS and JWT_PUBLIC_KEY, the identity subgraph JWT_PRIVATE_KEY, the registry
 * JWT_PUBLIC_KEY.
 */
const sign = await generateSigningKey();
const { privateKey, publicKey } = await generateKeyPairPem();
const oneLine = (pem: string) => pem.trim().replaceAll('\n', '\\n');
console.log(`IDENTITY_SIGNING_KEYS='${JSON.stringify([sign])}'`);
console.log(`JWT_PRIVATE_KEY='${oneLine(privateKey)}'`);
console.log(`JWT_PUBLIC_KEY='${oneLine(publicKey)}'`);
