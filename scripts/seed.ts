import { parseEnv } from '../platform/config';
import { bootPlatform } from '../platform/boot';

/** `npm run seed`: migrations, then demo data into every subgraph that has none yet. */
const platform = await bootPlatform({ env: parseEnv(), seed: true, serve: false, log: console.log });
await platform.stop();
console.log('Seeded.');
