/**
 * The five subgraphs (and the platform's own gateway, unused by the comparisons) in one process on
 * DATABASE_URL, for the benchmarks: prints one JSON line with their URLs, then serves until killed.
 */
import { bootPlatform } from '../../platform/boot';
import { parseEnv } from '../../platform/config';

const env = parseEnv({ ...process.env, GATEWAY_PORT: '0', SUBGRAPH_BASE_PORT: '0', SEED: 'never', SAFELIST: 'off' });
const platform = await bootPlatform({ env, seed: false });
console.log(JSON.stringify({ ready: true, subgraphUrls: Object.fromEntries(platform.subgraphs.map((s) => [s.name, s.url])) }));
const stop = () => platform.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
