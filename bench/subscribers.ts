/**
 * `npm run bench:subscribers -- [--subscribers 10000] [--events 20]`: that many concurrent GraphQL
 * over SSE subscribers (`publicationPublished`, anonymous) on one gateway over loopback, then an
 * editor publishes `--events` items one after another. Measures, per delivery, the time from the
 * item's `publishedAt` (set in the publishing transaction, just before it commits) to its arrival
 * at the subscriber, and the platform process's resident memory per open subscription.
 *
 * The platform runs as a child process (`scripts/start.ts`, embedded PGlite, demo data), so the
 * subscribers' own sockets and parsing are not counted in its memory.
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../core/root';
import { freePorts } from '../platform/free-ports';
import { DEMO_PASSWORD } from '../subgraphs/kit/demo';
import { departmentId } from '../subgraphs/kit/demo';
import { platformUp } from '../test/platform-process';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '10000' }, events: { type: 'string', default: '20' } } });
const SUBSCRIBERS = Number(values.subscribers);
const EVENTS = Number(values.events);
const QUERY = 'subscription LiveBench { publicationPublished { id publishedAt } }';

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'egov-subscribers-'));
const base = await freePorts(7);
// The embedded database: none of the caller's DATABASE_URL or REDIS_URL (one process, its own bus).
const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
// BENCH_CPU_PROF=<dir>: the platform process writes a CPU profile there when it stops.
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
  cwd: ROOT,
  env: {
    ...inherited,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(base),
    SUBGRAPH_BASE_PORT: String(base + 1),
    GATEWAY_INTERNAL_PORT: String(base + 6),
    SAFELIST: 'off',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_USER_PER_MINUTE: '100000000',
    SUBSCRIPTIONS_PER_ADDRESS: String(SUBSCRIBERS + 100),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
let result = 1;
try {
  const origin = await platformUp(child, exited);
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as any;
  };
  const editor = (await post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'editor.civil@demo.gov', p: DEMO_PASSWORD })).data.login.token as string;
  // Warm the path once (plans, the first read) before measuring.
  const publish = async (title: string) => {
    const created = await post('mutation($i: CreatePublicationInput!) { createPublication(input: $i) { publication { id } } }', { i: { departmentId: departmentId('CIVIL'), kind: 'NEWS', title, summary: 's', body: 'b' } }, editor);
    const id = created.data.createPublication.publication.id as string;
    await post('mutation($id: ID!) { publishPublication(id: $id) { publication { id } } }', { id }, editor);
    return id;
  };
  await publish('Warm-up');
  global.gc?.();
  const rssBefore = rssOf(child.pid!);

  // Every delivery's latency, by publication id.
  const latencies: number[] = [];
  const received = new Map<string, number>();
  const sockets: http.ClientRequest[] = [];
  const open = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(`${origin}/graphql/stream`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`subscribe: HTTP ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const now = Date.now();
          for (const m of chunk.matchAll(/"id":"([^"]+)","publishedAt":"([^"]+)"/g)) {
            latencies.push(now - Date.parse(m[2]!));
            received.set(m[1]!, (received.get(m[1]!) ?? 0) + 1);
          }
        });
        resolve();
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: QUERY }));
      sockets.push(req);
    });
  const opening = Date.now();
  for (let i = 0; i < SUBSCRIBERS; i += 500) await Promise.all(Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, open));
  const openSeconds = (Date.now() - opening) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfter = rssOf(child.pid!);

  let lost = 0;
  const started = Date.now();
  for (let e = 0; e < EVENTS; e++) {
    const id = await publish(`Bench ${e}`);
    const until = Date.now() + 30_000;
    while ((received.get(id) ?? 0) < SUBSCRIBERS && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    lost += SUBSCRIBERS - (received.get(id) ?? 0);
  }
  const seconds = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(`
| subscribers | events | deliveries | lost | p50 | p99 | max | opened in | platform RSS before → with subscribers | per subscriber |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| ${SUBSCRIBERS} | ${EVENTS} | ${latencies.length} | ${lost} | ${percentile(sorted, 50)} ms | ${percentile(sorted, 99)} ms | ${sorted.at(-1)} ms | ${openSeconds.toFixed(1)} s | ${mib(rssBefore)} → ${mib(rssAfter)} | ${((rssAfter - rssBefore) / SUBSCRIBERS / 1024).toFixed(1)} KiB |

(${EVENTS} events in ${seconds.toFixed(1)} s, one after another, each waited for until every subscriber had it.)`);
  for (const s of sockets) s.destroy();
  result = lost === 0 ? 0 : 1;
} finally {
  child.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(result);
