/**
 * `npx tsx bench/tracing-cost.ts <off|on-without-exporter> [--seconds 15]`: what tracing costs a
 * request through the whole platform (gateway, subgraph calls, SQL on the embedded PGlite) at
 * a fixed concurrency. `off`: no SDK registered, the platform's spans are the API's no-ops (what
 * runs unless OTEL_* ask for traces). `on-without-exporter`: the SDK registered and every span
 * recorded, but sent nowhere (the cost of making spans, apart from exporting them). Run the
 * same file from a checkout without tracing for "before" (BENCHMARKS.md says how).
 * Reports requests per second and latency, and the process's CPU per request.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { bootPlatform } from '../platform/boot';
import { parseEnv } from '../platform/config';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string', default: '15' } } });
const mode = positionals[0] ?? 'off';
const env = parseEnv({
  ...process.env,
  NODE_ENV: 'test',
  GATEWAY_PORT: '0',
  GATEWAY_INTERNAL_PORT: '0',
  SUBGRAPH_BASE_PORT: '0',
  SAFELIST: 'off',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_USER_PER_MINUTE: '100000000',
});
if (mode === 'on-without-exporter') {
  // Imported only here, so the `off` and "before" runs load nothing of the SDK.
  const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
  new NodeTracerProvider({ spanProcessors: [] }).register();
}
const platform = await bootPlatform({ env, ephemeral: true, seed: true });
// A signed-in citizen through the public port (never from the response cache), a different page
// size each request so that no two in flight are sent to a subgraph as one: every request goes
// through the subgraphs and their SQL, the same way in every version compared.
const login = await fetch(platform.gateway!.url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: 'citizen@demo.gov', p: 'demo-password-2026' } }),
});
const { data } = (await login.json()) as { data: { login: { token: string } } };
const query = 'query Feed($first: Int!) { publications(first: $first) { edges { node { id title department { name } } } } }';
let n = 0;
const run = (seconds: number) =>
  autocannon({
    url: platform.gateway!.url,
    method: 'POST',
    connections: 8,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${data.login.token}` },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query, variables: { first: (n++ % 97) + 1 } }) }) }],
  });
await run(3); // warm-up: plans, JIT, pools
const cpu0 = process.cpuUsage();
const result = await run(Number(values.seconds));
const { user, system } = process.cpuUsage(cpu0);
const ok = result.requests.total - result.non2xx - result.errors;
console.log(
  `| ${mode} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${((user + system) / 1000 / ok).toFixed(2)} | ${result.non2xx + result.errors} |`,
);
await platform.stop();
process.exit(0);
