import { parseEnv } from '../platform/config';
import { bootPlatform } from '../platform/boot';

/** `npm run seed`: migrations, then demo data into every subgraph that has none yet; refused in production. */
const env = parseEnv();
if (env.NODE_ENV === 'production') {
  console.error('Demo data (accounts with a published password) is never seeded in production. Create the first admin with `npm run admin -- create`.');
  process.exit(1);
}
const platform = await bootPlatform({ env, seed: true, serve: false, log: console.log });
await platform.stop();
console.log('Seeded.');
