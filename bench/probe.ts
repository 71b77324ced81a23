/**
 * `DATABASE_URL=… npx tsx bench/probe.ts`: each scenario's operations once at a time (no
 * concurrency) through the platform gateway's internal listener (the only one that honours
 * diagnostics), 5 rounds: the latency of one request and its SQL statements per subgraph at this
 * data scale. Finds the slow query before a load test hides it in a queue.
 */
import pg from 'pg';
import { bootPlatform } from '../platform/boot';
import { parseEnv } from '../platform/config';
import { DIAGNOSTICS_HEADER } from '../core/headers';
import { TokenIssuer } from '../core/session-tokens';
import * as s from './scenarios';

const env = parseEnv({ ...process.env, GATEWAY_PORT: '0', GATEWAY_INTERNAL_PORT: '0', SUBGRAPH_BASE_PORT: '0', SEED: 'never', SAFELIST: 'off', DATA_DIR: '.data/bench' });
const platform = await bootPlatform({ env, seed: false });
const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
const tokens = await TokenIssuer.fromPem(platform.secrets.jwtPrivateKey, 3600);
const inputs = await s.loadInputs(db, tokens);
const mixes = [...s.publicMix(inputs).slice(0, 10), ...s.citizenMix(inputs).slice(0, 4), ...s.officerMix(inputs), ...s.analystMix(inputs).slice(0, 2)];
const seen = new Map<string, number[]>();
for (let round = 0; round < 5; round++) {
  for (const [k, r] of mixes.entries()) {
    const t0 = performance.now();
    const res = await fetch(platform.gateway!.internalUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [DIAGNOSTICS_HEADER]: '1', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
      body: JSON.stringify(r.body),
    });
    const json = (await res.json()) as any;
    const ms = performance.now() - t0;
    const key = `${r.label}#${k}`;
    seen.set(key, [...(seen.get(key) ?? []), ms]);
    if (round === 4) {
      const times = seen.get(key)!.sort((a, b) => a - b);
      const sql = Object.entries(json.extensions?.diagnostics ?? {}).map(([n, d]: [string, any]) => `${n}:${d.sqlStatements}`).join(' ');
      console.log(`${r.label.padEnd(20)} median ${times[2].toFixed(1).padStart(8)} ms  min ${times[0].toFixed(1).padStart(8)} ms  ${json.errors ? 'ERRORS ' + JSON.stringify(json.errors).slice(0, 100) : ''} ${sql}`);
    }
  }
}
await db.end();
await platform.stop();
process.exit(0);
