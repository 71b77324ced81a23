/**
 * `[DATABASE_URL=<fresh db>] nice npx tsx bench/sign-in-flood.ts [--seconds 20] [--hash-concurrency 1] [--flooders N] [--control]`:
 * does a flood of
 * sign-ins slow everyone else down? The platform runs in a process of its own (embedded database,
 * demo data, rate limits out of the way as for a flood from many addresses, so only the
 * password-hash bound acts). One signed-in
 * citizen reads (`MyApplications`, one request at a time) first alone, then while ten times the
 * hashing capacity (10 × PASSWORD_HASH_CONCURRENCY clients) sign in without pause, each as an
 * account of its own with the right password. Prints the reader's p50/p95/p99 in both phases, what
 * the flood got (signed in, 429, delayed), and the load average.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../core/root';
import { freePorts } from '../platform/free-ports';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, 'hash-concurrency': { type: 'string', default: '1' }, flooders: { type: 'string' }, control: { type: 'boolean' } },
});
const seconds = Number(values.seconds);
const capacity = Number(values['hash-concurrency']);
const op = (name: string) => readFileSync(path.join(ROOT, 'clients', 'operations', `${name}.graphql`), 'utf8');

const dataDir = mkdtempSync(path.join(tmpdir(), 'egov-flood-'));
const base = await freePorts(7);
const platform = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
  cwd: ROOT,
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    EGOV_BUILD: 'production', // no portal build: the graph is what is measured
    DATA_DIR: dataDir,
    GATEWAY_PORT: String(base),
    SUBGRAPH_BASE_PORT: String(base + 1),
    GATEWAY_INTERNAL_PORT: String(base + 6),
    // As if the flood came from many addresses, each under the gateway's per-address limit.
    RATE_LIMIT_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_USER_PER_MINUTE: '100000000',
    PASSWORD_HASH_CONCURRENCY: String(capacity),
    // A fresh PostgreSQL database if given (demo data seeded into it); the embedded one otherwise.
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, SEED: 'always' } : {}),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  let out = '';
  platform.stdout!.on('data', (c) => {
    out += String(c);
    if (out.includes('The platform is up')) resolve();
  });
  platform.once('exit', (code) => reject(new Error(`the platform exited with ${code}`)));
});
const url = `http://127.0.0.1:${base}/graphql`;

async function gql(query: string, variables: object, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** One reader, one request at a time, for `ms`. */
async function read(token: string, ms: number): Promise<number[]> {
  const times: number[] = [];
  const query = op('web/MyApplications');
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const t0 = performance.now();
    const r = await gql(query, { first: 5 }, token);
    if (r.status !== 200 || r.body.errors) throw new Error(`the reader was refused: ${JSON.stringify(r.body).slice(0, 200)}`);
    times.push(performance.now() - t0);
  }
  return times;
}

try {
  const reader = (await gql(op('web/Login'), { email: 'citizen@demo.gov', password: 'demo-password-2026' })).body.data.login.token;
  // Ten times the capacity unless told (`--flooders 10 --hash-concurrency 64`: the same flood, unbounded).
  const flooders = values.flooders ? Number(values.flooders) : capacity * 10;
  const accounts: string[] = [];
  for (let i = 0; i < flooders; i++) {
    const email = `flood.${i}.${Date.now()}@example.org`;
    await gql(op('web/Register'), { input: { email, password: 'a-flood-password', displayName: `Flood ${i}` } });
    accounts.push(email);
  }
  await read(reader, 2000); // warm-up: plans, pools, caches
  const idle = await read(reader, (seconds * 1000) / 2);

  const outcome = { signedIn: 0, limited429: 0, delayed: 0, other: 0 };
  let flooding = true;
  const flood = accounts.map(async (email) => {
    while (flooding) {
      // --control: the same clients send a trivial read instead, to tell the cost of any flood from a sign-in's.
      const r = values.control ? await gql('{ __typename }', {}) : await gql(op('web/Login'), { email, password: 'a-flood-password' });
      if (r.status === 429) outcome.limited429++;
      // Flooders ignore Retry-After, as attackers do.
      else if (r.body.data?.login?.token || r.body.data?.__typename) outcome.signedIn++;
      else if (r.body.data?.login?.userErrors?.[0]?.code === 'TOO_MANY_ATTEMPTS') outcome.delayed++;
      else outcome.other++;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1000)); // the flood at full strength first
  const load0 = loadavg()[0];
  const busy = await read(reader, (seconds * 1000) / 2);
  const load1 = loadavg()[0];
  flooding = false;
  await Promise.all(flood);

  const row = (name: string, xs: number[]) =>
    `| ${name} | ${xs.length} | ${percentile(xs, 50).toFixed(1)} | ${percentile(xs, 95).toFixed(1)} | ${percentile(xs, 99).toFixed(1)} |`;
  console.log(`\nPASSWORD_HASH_CONCURRENCY=${capacity}, ${flooders} clients signing in without pause, ${seconds / 2} s per phase, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
  console.log('| reader (MyApplications, 1 at a time) | requests | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
  console.log(row('idle', idle));
  console.log(row('during the flood', busy));
  console.log(`\np95 during / idle: ${(percentile(busy, 95) / percentile(idle, 95)).toFixed(2)}×`);
  console.log(`flood: ${outcome.signedIn} signed in (${(outcome.signedIn / (seconds / 2 + 1)).toFixed(1)}/s), ${outcome.limited429} answered 429, ${outcome.delayed} TOO_MANY_ATTEMPTS, ${outcome.other} other`);
  console.log(`load average (1 min) at the flood's start / end: ${load0.toFixed(2)} / ${load1.toFixed(2)}`);
} finally {
  platform.kill('SIGTERM');
  await new Promise((resolve) => platform.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
