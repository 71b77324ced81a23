/**
 * `npm run bench -- [--seconds 10] [--connections 20] [--only public,guide,...] [--replicas N]`: the
 * load scenarios, side by side in one run on the same subgraphs, database and supergraph:
 *   ours          gateway/server.ts as deployed (response cache on)
 *   ours ×N       the same in N replicas sharing a port (with --replicas N; the subgraphs then run
 *                 as N replicas too, for every target)
 *   ours-nocache  the same gateway without the response cache (what the cache buys; the DB-bound path)
 *   hive          Hive Gateway, default settings (bench/serve/hive.ts), if `npm run bench:hive` installed it
 *   hive-rust     the same with the Rust query planner (@graphql-hive/router-runtime)
 *   stock         @apollo/gateway + @apollo/server, default settings (bench/serve/stock.ts)
 *   direct        the subgraph itself, for single-subgraph operations (the floor)
 * Each gateway runs in its own process (its peak RSS is reported); the subgraphs in one more.
 * Needs DATABASE_URL filled by `npm run bench:data`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parseEnv } from '../platform/config';
import { loadSecrets } from '../platform/secrets';
import { ROOT } from '../core/root';
import { IDENTITY_HEADER } from '../core/headers';
import { ANONYMOUS } from '../core/identity';
import { IdentityIssuer } from '../core/identity-tokens';
import { TokenIssuer } from '../core/session-tokens';
import { combine, load, type LoadResult, type Target } from './load';
import { hiveInstalled } from './serve/hive';
import * as s from './scenarios';
import { TokenPool } from './token-pool';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string', default: '' },
    replicas: { type: 'string', default: '1' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const only = new Set(values.only ? values.only.split(',') : []);
// --replicas N: the subgraphs run as N replicas (for every target), and `ours ×N` joins the comparisons.
const replicas = Number(values.replicas);
const wanted = (name: string) => only.size === 0 || only.has(name);

const DATA_DIR = path.join(ROOT, '.data', 'bench');
mkdirSync(DATA_DIR, { recursive: true });
// With one DATABASE_URL the platform shares ONE pool of 10 connections between all five subgraphs
// (platform/boot.ts pools by URL): one slow search then starves every other subgraph. Distinct URLs
// per subgraph (same database) give each its own pool of 10.
const perSubgraphPools = Object.fromEntries(
  ['IDENTITY', 'PUBLICATIONS', 'PROCEDURES', 'APPLICATIONS', 'FEEDBACK'].map((n) => {
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://unset');
    url.searchParams.set('application_name', n.toLowerCase());
    return [`${n}_DATABASE_URL`, url.toString()];
  }),
);
// Every server runs as deployed, NODE_ENV=production (graphql-js and Apollo skip their development
// checks: graphql's cross-realm instanceOf alone was 2 % of the subgraphs' CPU), with the keys a
// deployment is given: those kept in DATA_DIR. BENCH_NODE_ENV=development measures the other mode.
const keys = await loadSecrets(parseEnv({ ...process.env, NODE_ENV: 'development' }), DATA_DIR);
const childEnv = {
  ...process.env,
  ...(process.env.BENCH_SHARED_POOL ? {} : perSubgraphPools),
  DATA_DIR,
  NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
  IDENTITY_SIGNING_KEYS: JSON.stringify(keys.identityKeys),
  JWT_PRIVATE_KEY: keys.jwtPrivateKey,
  JWT_PUBLIC_KEY: keys.jwtPublicKey,
  RATE_LIMIT_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_USER_PER_MINUTE: '100000000',
};
const env = parseEnv(childEnv);
if (!env.DATABASE_URL) throw new Error('Set DATABASE_URL to a database filled by `npm run bench:data`.');

const children: ChildProcess[] = [];
const logFile = openSync(path.join(DATA_DIR, 'servers.log'), 'a');
async function start(script: string, args: string[], extraEnv: Record<string, string> = {}): Promise<{ pid: number; info: any }> {
  // BENCH_PROFILE=1: every server writes a V8 CPU profile to .data/bench/profiles when stopped.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(DATA_DIR, 'profiles')}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...childEnv, ...extraEnv },
    stdio: ['ignore', 'pipe', logFile],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const info = await new Promise<any>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited with ${code}; see ${DATA_DIR}/servers.log`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"ready"')) resolve(JSON.parse(line));
    });
  });
  return { pid: child.pid!, info };
}
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('exit', stopAll);

// Replicas coordinate through Redis (PLATFORM_WORKERS needs REDIS_URL), as on separate hosts.
const REDIS = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
const subgraphs = await start('bench/serve/subgraphs.ts', [], { PLATFORM_WORKERS: String(replicas), ...REDIS });
const urls = JSON.stringify(subgraphs.info.subgraphUrls);
// Hive Gateway has its own install (bench/hive), not part of the platform's: compared only when present.
const withHive = hiveInstalled();
if (!withHive) console.log('hive: not installed, skipped (`npm run bench:hive` installs it into bench/hive)');
const gateways = Object.fromEntries(
  await Promise.all(
    (['ours', 'ours-nocache', 'stock', ...(withHive ? (['hive', 'hive-rust'] as const) : [])] as const).map(async (kind) => {
      const g = await start('bench/serve/gateway.ts', [kind], { BENCH_SUBGRAPH_URLS: urls });
      return [kind, { name: kind, url: g.info.url as string, pid: g.pid } satisfies Target];
    }),
  ),
) as Record<'ours' | 'ours-nocache' | 'stock', Target> & { hive?: Target; 'hive-rust'?: Target };
const oursReplicated: Target[] = [];
if (replicas > 1) {
  const g = await start('bench/serve/gateway.ts', ['ours'], { BENCH_SUBGRAPH_URLS: urls, PLATFORM_WORKERS: String(replicas), ...REDIS });
  oursReplicated.push({ name: `ours ×${replicas}`, url: g.info.url as string, pid: g.pid });
}
const secrets = await loadSecrets(env, DATA_DIR);
const issuer = await IdentityIssuer.fromKeys(secrets.identityKeys);
const tokens = await TokenIssuer.fromPem(secrets.jwtPrivateKey, 3600);
/**
 * The subgraph itself with no gateway (the floor), for a mix of single-subgraph documents. Every
 * request carries its own anonymous identity token for this subgraph and its body, signed ahead
 * by a pool in this process (bench/token-pool.ts): the subgraph pays for verifying as behind any
 * gateway, the signing is not counted in its CPU.
 */
const direct = (name: string, mix: s.BenchRequest[]): Target => {
  const pool = new TokenPool((body) => issuer.sign(ANONYMOUS, name, body), mix.map((r) => JSON.stringify(r.body)));
  return {
    name: `direct ${name}`,
    url: subgraphs.info.subgraphUrls[name],
    pid: subgraphs.pid,
    headers: (body): Record<string, string> => {
      const token = pool.take(body);
      return token ? { [IDENTITY_HEADER]: token } : {};
    },
    open: () => pool.start(),
    close: () => pool.stop(),
  };
};

const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 });
const inputs = await s.loadInputs(db, tokens);
console.log(`inputs: ${inputs.slugs.length} slugs, ${inputs.codes.length} procedures, page-500 cursor ${inputs.page500 ? 'found' : 'MISSING'}, ${inputs.citizens.length} citizens`);

const report: string[] = [];
const out = (line = '') => {
  console.log(line);
  report.push(line);
};
const HEAD =
  '| target | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | CPU ms/req (target) | CPU ms/req (subgraphs) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
const row = (r: LoadResult, base?: LoadResult) =>
  `| ${r.target} | ${r.rps.toFixed(0)}${base && base !== r ? ` (${(r.rps / base.rps).toFixed(2)}×)` : ''} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors}${r.failures ? ` (${r.failures} non-200)` : ''} | ${r.peakRssMb.toFixed(0)} | ${r.cpuPerRequest.toFixed(2)} | ${r.subgraphCpuPerRequest.toFixed(2)} |`;

/**
 * Measures every target in two halves, in order and then in reverse (A B C, C B A): what drifts
 * during a run (a checkpoint's full-page writes, autovacuum, the page cache) falls on all alike.
 * Measured one after the other, the first target after the warm-up lost up to 20 % of the write mix.
 */
async function inBothOrders(targets: Target[], measure: (t: Target, half: number) => Promise<LoadResult>) {
  const parts = new Map<Target, LoadResult[]>(targets.map((t) => [t, []]));
  for (const [half, order] of [targets, [...targets].reverse()].entries()) {
    for (const t of order) parts.get(t)!.push(await measure(t, half));
  }
  return parts;
}

/** Runs one mix against several targets back to back and prints a table, ratios against the last. */
async function compare(title: string, mix: s.BenchRequest[], targets: Target[], conns = connections) {
  out(`\n### ${title} (${conns} connections, ${seconds} s each)\n`);
  out(HEAD);
  const results: LoadResult[] = [];
  // A short warm-up of every target before any is measured (query plans, connections, JIT), so
  // the first one measured does not also pay for warming the subgraphs and the database cache.
  for (const t of targets) await load(t, mix, { seconds: 2, connections: conns });
  const parts = await inBothOrders(targets, (t) => load(t, mix, { seconds: seconds / 2, connections: conns, subgraphsPid: subgraphs.pid }));
  results.push(...targets.map((t) => combine(parts.get(t)!)));
  const base = results.at(-1)!;
  for (const r of results) out(row(r, base));
  for (const r of results) if (r.firstError) out(`\n${r.target}, first error: \`${r.firstError.replace(/`/g, "'")}\``);
  return results;
}

out(`## Run of ${new Date().toISOString()}`);
const { ours, stock } = gateways;
const nocache = gateways['ours-nocache'];
/** Hive Gateway (JavaScript and Rust planners), when installed: listed just before stock, so the ratios stay against stock. */
const hive = [gateways.hive, gateways['hive-rust']].filter((t): t is Target => !!t);

if (wanted('public')) {
  const pages = 'HomePage, PublicationFeed (pages 1 and 500), PublicationPage, ProcedureGuide, Search';
  await compare(`Public read mix, by popularity (Zipf): ${pages}`, s.publicMix(inputs, 'popular'), [ours, ...oursReplicated, nocache, ...hive, stock]);
  await compare(`Public read mix, every item equally often (the cache's worst case): ${pages}`, s.publicMix(inputs, 'uniform'), [ours, ...oursReplicated, nocache, ...hive, stock]);
}
if (wanted('feed')) {
  await compare('PublicationFeed page 1 (no response cache)', s.single('feed1', s.OPS.PublicationFeed, { first: 20 }), [nocache, ...hive, stock]);
  await compare('PublicationFeed page 500 (no response cache)', s.single('feed500', s.OPS.PublicationFeed, { first: 20, after: inputs.page500 }), [nocache, ...hive, stock]);
}
if (wanted('search')) {
  await compare('Search in English (no response cache)', s.searchOnly(inputs, 'en'), [nocache, ...hive, stock]);
  await compare('Search in Chinese (no response cache)', s.searchOnly(inputs, 'zh'), [nocache, ...hive, stock]);
  await compare('Search, Chinese and English words in one query (no response cache)', s.searchOnly(inputs, 'mixed'), [nocache, ...hive, stock]);
  // What one visitor waits for when nobody queues ahead: ten connections without pause measure
  // how many searches the machine answers (their p95 is mostly the queue), one measures latency.
  for (const [language, words] of [['en', 'English'], ['zh', 'Chinese'], ['mixed', 'Chinese and English']] as const) {
    await compare(`Search in ${words}, one at a time: latency (no response cache)`, s.searchOnly(inputs, language), [nocache, ...hive, stock], 1);
  }
}
if (wanted('guide')) {
  const own = s.guideOwn(inputs);
  await compare('ProcedureGuide, procedures-subgraph fields only, 1 connection: gateway overhead over the subgraph', own, [nocache, ...hive, stock, direct('procedures', own)], 1);
  await compare('ProcedureGuide (full, three subgraphs, no response cache)', s.publicMix(inputs).filter((r) => r.label === 'ProcedureGuide'), [nocache, ...hive, stock]);
}
if (wanted('citizen')) await compare('Citizen mix: MyApplications, ApplicationDetail (signed in)', s.citizenMix(inputs), [ours, ...oursReplicated, ...hive, stock]);
if (wanted('officer')) await compare('Officer queue: ApplicationQueue, FeedbackQueue', s.officerMix(inputs), [ours, ...oursReplicated, ...hive, stock]);
if (wanted('analyst')) await compare('Analyst dashboard: DepartmentDashboard over 90 days', s.analystMix(inputs), [ours, ...oursReplicated, ...hive, stock], 5);
if (wanted('adhoc')) {
  const mix = s.adhocMix(inputs);
  await compare(`Analyst ad hoc: ${mix.length} distinct documents across all five subgraphs, 1 connection (one request's latency)`, mix, [ours, ...hive, stock], 1);
  await compare(`Analyst ad hoc: ${mix.length} distinct documents across all five subgraphs`, mix, [ours, ...oursReplicated, ...hive, stock]);
}

if (wanted('write')) {
  out(`\n### Write mix: SubmitApplication + SubmitFeedback, every response checked, rows counted after (${connections} connections, ${seconds} s each)\n`);
  out('| target | submissions/s | p50 ms | p95 ms | p99 ms | errors | acknowledged | rows written | lost | duplicated | unacknowledged rows (in flight at stop) | peak RSS MB | CPU ms/submission (target) | CPU ms/submission (subgraphs) |');
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  let first = 100_000;
  const writers = [ours, ...oursReplicated, ...hive, stock];
  // Warmed like the read mixes, with submissions of their own that are not counted below, but
  // longer: after 2 s each, the first half measured still cost the subgraphs 25 % more CPU per
  // submission than the last (JIT and heap growth on the write path).
  for (const t of writers) {
    await load(t, await s.writeMix(tokens, `warm-${t.name}-${Date.now().toString(36)}`, first, 2000), { seconds: 5, connections });
    first += 2000;
  }
  const stamp = Date.now().toString(36);
  const parts = await inBothOrders(writers, async (t, half) => {
    const mix = await s.writeMix(tokens, `bench-${stamp}-${t.name}-${half}`, first, 2000);
    first += 2000;
    return load(t, mix, { seconds: seconds / 2, connections, keepBodies: true, subgraphsPid: subgraphs.pid });
  });
  for (const t of writers) {
    const r = combine(parts.get(t)!);
    const acked = new Set<string>();
    for (const b of r.bodies) {
      const d = JSON.parse(b).data;
      const id = d?.submitApplication?.application?.id ?? d?.submitFeedback?.feedback?.id;
      if (id) acked.add(id);
    }
    const rows = (
      await db.query(
        `select id, idempotency_key from applications.applications where idempotency_key like $1
         union all select id, idempotency_key from feedback.feedback where idempotency_key like $1`,
        [`bench-${stamp}-${t.name}-%`],
      )
    ).rows as { id: string; idempotency_key: string }[];
    const ids = new Set(rows.map((x) => x.id));
    const keys = new Set(rows.map((x) => x.idempotency_key));
    const lost = [...acked].filter((id) => !ids.has(id)).length;
    const duplicated = rows.length - keys.size;
    out(
      `| ${t.name} | ${(acked.size / r.seconds).toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${acked.size} | ${rows.length} | ${lost} | ${duplicated} | ${rows.length - acked.size} | ${r.peakRssMb.toFixed(0)} | ${r.cpuPerRequest.toFixed(2)} | ${r.subgraphCpuPerRequest.toFixed(2)} |`,
    );
  }
}

const file = path.join(DATA_DIR, `results-${Date.now()}.md`);
writeFileSync(file, report.join('\n') + '\n');
console.log(`\n(written to ${file})`);
await db.end();
stopAll();
process.exit(0);
