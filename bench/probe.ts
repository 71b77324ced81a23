/**
 * `DATABASE_URL=… npx tsx bench/probe.ts`: each scenario's operations once at a time (no
 * concurrency) through the platform gateway's internal listener (uncached), 5 rounds: the latency
 * of one request and its SQL statements per schema at this data scale, counted from its trace
 * (spans kept in memory; latencies include tracing's small cost). Finds the slow query before a
 * load test hides it in a queue.
 */
import pg from 'pg';
import { bootPlatform } from '../platform/boot';
import { parseEnv } from '../platform/config';
import { randomBytes } from 'node:crypto';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { startTracing } from '../platform/telemetry';
import { TokenIssuer } from '../core/session-tokens';
import * as s from './scenarios';

const env = parseEnv({ ...process.env, GATEWAY_PORT: '0', GATEWAY_INTERNAL_PORT: '0', SUBGRAPH_BASE_PORT: '0', SEED: 'never', SAFELIST: 'off', DATA_DIR: '.data/bench' });
const spans = new InMemorySpanExporter();
startTracing(env, 'egov-probe', spans);
const platform = await bootPlatform({ env, seed: false });
const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
const tokens = await TokenIssuer.fromPem(platform.secrets.jwtPrivateKey, 3600);
const inputs = await s.loadInputs(db, tokens);
const mixes = [...s.publicMix(inputs).slice(0, 10), ...s.citizenMix(inputs).slice(0, 4), ...s.officerMix(inputs), ...s.analystMix(inputs).slice(0, 2)];
const seen = new Map<string, number[]>();
for (let round = 0; round < 5; round++) {
  for (const [k, r] of mixes.entries()) {
    const t0 = performance.now();
    const traceId = randomBytes(16).toString('hex');
    const res = await fetch(platform.gateway!.internalUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
        ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
      },
      body: JSON.stringify(r.body),
    });
    const json = (await res.json()) as any;
    const ms = performance.now() - t0;
    if (round < 4) spans.reset();
    const key = `${r.label}#${k}`;
    seen.set(key, [...(seen.get(key) ?? []), ms]);
    if (round === 4) {
      const times = seen.get(key)!.sort((a, b) => a - b);
      const perSchema = new Map<string, number>();
      for (const span of spans.getFinishedSpans()) {
        const schema = span.attributes['db.namespace'];
        if (span.spanContext().traceId === traceId && typeof schema === 'string') perSchema.set(schema, (perSchema.get(schema) ?? 0) + 1);
      }
      const sql = [...perSchema].map(([n, count]) => `${n}:${count}`).join(' ');
      console.log(`${r.label.padEnd(20)} median ${times[2].toFixed(1).padStart(8)} ms  min ${times[0].toFixed(1).padStart(8)} ms  ${json.errors ? 'ERRORS ' + JSON.stringify(json.errors).slice(0, 100) : ''} ${sql}`);
    }
  }
}
await db.end();
await platform.stop();
process.exit(0);
