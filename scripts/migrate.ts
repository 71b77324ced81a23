import { parseEnv } from '../platform/config';
import { bootPlatform } from '../platform/boot';

/** `npm run migrate`: every subgraph's migrations, nothing else. */
const platform = await bootPlatform({ env: parseEnv(), seed: false, serve: false });
await platform.stop();
console.log('Migrated.');
