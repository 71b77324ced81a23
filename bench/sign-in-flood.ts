/**
 * `[DATABASE_URL=<fresh db>] nice npx tsx bench/sign-in-flood.ts [--seconds 20] [--hash-concurrency 1] [--times 10] [--closed [--flooders N]] [--control]`:
 * does a flood of sign-ins slow everyone else down? The platform runs in a process of its own
 * (embedded database, demo data, rate limits out of the way as for a flood from many addresses, so
 * only the password-hash bound acts). One signed-in citizen reads (`MyApplications`, one request at a
 * time) first alone, then during the flood. Prints the reader's p50/p95/p99 in both phases, what the
 * flood got (signed in, 429, delayed), and the load average.
 *
 * The flood is `--times` (10) × the platform's sign-in capacity, as a rate: capacity is first
 * measured (sign-ins per second completed while 2 × PASSWORD_HASH_CONCURRENCY clients sign in
 * without pause), then sign-ins arrive at ten times that rate whatever the answers (open loop, as
 * attackers send: nobody waits for Retry-After), evenly spread, from a process of its own, each as
 * an account of its own with the right password. `--closed`: the older flood, 10 ×
 * PASSWORD_HASH_CONCURRENCY clients each signing in again as soon as answered, which is not a rate
 * but as many requests as the machine can answer (it saturates any server; `--control` shows that
 * the same clients reading `{ __typename }` do as much harm).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../core/root';
import { freePorts } from '../platform/free-ports';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    'hash-concurrency': { type: 'string', default: '1' },
    times: { type: 'string', default: '10' },
    closed: { type: 'boolean' },
    flooders: { type: 'string' },
    control: { type: 'boolean' },
    'flood-child': { type: 'string' },
  },
});
type Outcome = { signedIn: number; limited429: number; delayed: number; other: number };
/** What one flood request got, counted (the flood process and the closed loop alike). */
function count(outcome: Outcome, status: number, body: any): void {
  const data = body?.data;
  if (status === 429) outcome.limited429++;
  else if (data?.login?.token || data?.__typename) outcome.signedIn++;
  else if (data?.login?.userErrors?.[0]?.code === 'TOO_MANY_ATTEMPTS') outcome.delayed++;
  else {
    outcome.other++;
    if (outcome.other <= 3) console.error('flood answer:', status, JSON.stringify(body).slice(0, 300));
  }
}
const LOGIN = readFileSync(path.join(ROOT, 'clients', 'operations', 'web', 'Login.graphql'), 'utf8');

if (values['flood-child']) {
  // The open-loop flood, in a process of its own so its work does not delay the reader's timings.
  // Arrivals are spread evenly over each second (one due request every 1000/rate ms), not sent as
  // autocannon's rate sends them: its `overallRate` is a quota per second that each connection
  // spends as fast as it can and then waits out, a square wave of full saturation then silence
  // that measures the burst, not the rate (a reader's p95 was 11× idle for `{ __typename }` alone).
  const { url, rate, seconds: s, emails, control } = JSON.parse(values['flood-child']) as { url: string; rate: number; seconds: number; emails: string[]; control: boolean };
  const outcome = { signedIn: 0, limited429: 0, delayed: 0, other: 0 };
  // Enough sockets that answers slower than the rate never throttle the arrivals.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  let sent = 0;
  let errors = 0;
  let inFlight = 0;
  const send = () => {
    const email = emails[sent++ % emails.length];
    const body = JSON.stringify(control ? { query: '{ __typename }' } : { query: LOGIN, variables: { email, password: 'a-flood-password' } });
    inFlight++;
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          inFlight--;
          count(outcome, res.statusCode!, res.statusCode === 429 ? null : JSON.parse(text));
        });
      },
    );
    req.on('error', () => {
      inFlight--;
      errors++;
    });
    req.end(body);
  };
  console.log('flooding'); // the parent starts its clock only now, not while this process was loading
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - start) / 1000;
      const due = Math.floor(Math.min(elapsed, s) * rate);
      while (sent < due) send();
      if (elapsed >= s && inFlight === 0) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  console.log(JSON.stringify({ ...outcome, sent, errors }));
  process.exit(0);
}
const seconds = Number(values.seconds);
const capacity = Number(values['hash-concurrency']);
const times = Number(values.times);
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
  // Its log (a line per request) goes to a file, not through this process: the reader's timings
  // are taken here and must not wait behind hundreds of log lines a second.
  stdio: ['ignore', openSync(path.join(dataDir, 'platform.log'), 'a'), 'inherit'],
});
// Up when the gateway's /ready says so (seeding and migrations done), or failed when the platform exits.
await new Promise<void>((resolve, reject) => {
  const poll = setInterval(async () => {
    const ready = await fetch(`http://127.0.0.1:${base}/ready`).then((r) => r.ok, () => false);
    if (ready) {
      clearInterval(poll);
      resolve();
    }
  }, 200);
  platform.once('exit', (code) => {
    clearInterval(poll);
    reject(new Error(`the platform exited with ${code}`));
  });
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
  const accounts: string[] = [];
  const register = async (n: number) => {
    for (let i = accounts.length; i < n; i++) {
      const email = `flood.${i}.${Date.now()}@example.org`;
      // As an honest client does: wait what a 429 says (registrations share the sign-ins' rate).
      for (;;) {
        const r = await gql(op('web/Register'), { input: { email, password: 'a-flood-password', displayName: `Flood ${i}` } });
        if (r.status !== 429) {
          if (!r.body.data?.register?.token) throw new Error(`registration failed: ${JSON.stringify(r.body).slice(0, 200)}`);
          break;
        }
        await sleep(1000);
      }
      accounts.push(email);
    }
  };
  /** Clients that each sign in again as soon as answered, ignoring Retry-After, for `ms`. */
  const closedLoop = async (clients: number, ms: number, outcome: Outcome, control = false) => {
    const until = Date.now() + ms;
    await Promise.all(
      accounts.slice(0, clients).map(async (email) => {
        while (Date.now() < until) {
          // --control: the same clients send a trivial read instead, to tell the cost of any flood from a sign-in's.
          const r = control ? await gql('{ __typename }', {}) : await gql(LOGIN, { email, password: 'a-flood-password' });
          count(outcome, r.status, r.body);
        }
      }),
    );
  };
  const flooders = values.flooders ? Number(values.flooders) : capacity * 10;
  await register(Math.max(flooders, 2 * capacity, 50));

  // Capacity: sign-ins per second completed when twice the hash bound's clients keep it busy.
  const probe: Outcome = { signedIn: 0, limited429: 0, delayed: 0, other: 0 };
  await closedLoop(2 * capacity, 4000, probe);
  const perSecond = probe.signedIn / 4;
  const rate = Math.max(1, Math.round(times * perSecond));

  await read(reader, 2000); // warm-up: plans, pools, caches
  const idle = await read(reader, (seconds * 1000) / 2);

  let outcome: Outcome & { sent?: number; errors?: number } = { signedIn: 0, limited429: 0, delayed: 0, other: 0 };
  let flood: Promise<unknown>;
  if (values.closed) {
    flood = closedLoop(flooders, (seconds * 1000) / 2 + 2000, outcome, values.control);
  } else {
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--flood-child', JSON.stringify({ url, rate, seconds: seconds / 2 + 2, emails: accounts, control: !!values.control })], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const started = new Promise<void>((resolve) =>
      child.stdout!.on('data', (c) => {
        out += String(c);
        if (out.includes('flooding')) resolve();
      }),
    );
    flood = new Promise((resolve) => child.once('exit', resolve)).then(() => (outcome = JSON.parse(out.trim().split('\n').pop()!)));
    await started;
  }
  await sleep(1000); // the flood at full strength first
  const load0 = loadavg()[0];
  const busy = await read(reader, (seconds * 1000) / 2);
  const load1 = loadavg()[0];
  await flood;

  const row = (name: string, xs: number[]) =>
    `| ${name} | ${xs.length} | ${percentile(xs, 50).toFixed(1)} | ${percentile(xs, 95).toFixed(1)} | ${percentile(xs, 99).toFixed(1)} |`;
  const what = values.closed ? `${flooders} clients ${values.control ? 'reading { __typename }' : 'signing in'} without pause` : `${values.control ? '{ __typename } reads' : 'sign-ins'} arriving at ${rate}/s (${times} × the measured capacity of ${perSecond.toFixed(1)} sign-ins/s)`;
  console.log(`\nPASSWORD_HASH_CONCURRENCY=${capacity}, ${what}, ${seconds / 2} s per phase, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`);
  console.log('| reader (MyApplications, 1 at a time) | requests | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
  console.log(row('idle', idle));
  console.log(row('during the flood', busy));
  console.log(`\np95 during / idle: ${(percentile(busy, 95) / percentile(idle, 95)).toFixed(2)}×`);
  const sent = outcome.sent === undefined ? '' : `${outcome.sent} sent, ${outcome.errors} unanswered; `;
  console.log(`flood (${seconds / 2 + 2} s): ${sent}${outcome.signedIn} signed in (${(outcome.signedIn / (seconds / 2 + 2)).toFixed(1)}/s), ${outcome.limited429} answered 429, ${outcome.delayed} TOO_MANY_ATTEMPTS, ${outcome.other} other`);
  console.log(`load average (1 min) at the flood's start / end: ${load0.toFixed(2)} / ${load1.toFixed(2)}`);
} finally {
  platform.kill('SIGTERM');
  await new Promise((resolve) => platform.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
