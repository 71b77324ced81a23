/**
 * `npm run faults`: the platform as separately run parts (registry, five subgraphs, a gateway:
 * `scripts/part.ts`, the image's topology) on a PostgreSQL database of its own, under a write
 * load of citizens' submissions, through four faults:
 *   db-terminate    every connection of its database terminated (pg_terminate_backend), 3 times
 *   subgraph-kill   the applications subgraph's process killed (SIGKILL) and started again
 *   redis-down      the gateway's Redis (one of its own on port 6390) stopped and started again
 *   gateway-kill    the gateway killed -9 mid-write and started again
 * Clients retry every failure with the submission's idempotency key until it is acknowledged.
 * Per fault: acknowledged vs stored, lost (acknowledged, not stored) and duplicated (one key
 * stored twice), both must be 0; the errors clients saw; the time from the fault until requests
 * succeeded again. Exits 1 when anything was lost or duplicated. Needs PostgreSQL (FAULTS_ADMIN_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres) and redis-server on the PATH.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from '../core/root';
import { parseEnv } from '../platform/config';
import { bootPlatform } from '../platform/boot';
import { freePorts } from '../platform/free-ports';
import { loadSecrets } from '../platform/secrets';
import { readRoverConfig } from '../schema/rover-config';
import { sampleFormData } from '../subgraphs/applications/sample-form-data';
import { DEMO_CATALOGUE } from '../subgraphs/kit/demo-catalogue';

const ADMIN_URL = process.env.FAULTS_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_PORT = 6390;
const WORKERS = Number(process.env.FAULTS_WORKERS ?? 8);
const SUBMIT = readFileSync(path.join(ROOT, 'clients/operations/web/SubmitApplication.graphql'), 'utf8');
const REGISTER = readFileSync(path.join(ROOT, 'clients/operations/web/Register.graphql'), 'utf8');
const LICENCE = DEMO_CATALOGUE.find((p) => p.code === 'BIZ-LICENCE')!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const database = `egov_faults_${Date.now()}_${process.pid}`;
const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
const logDir = mkdtempSync(path.join(os.tmpdir(), 'egov-faults-'));
const subgraphNames = readRoverConfig().subgraphs.map((s) => s.name);
const base = await freePorts(3 + subgraphNames.length);
const [registryPort, gatewayPort, internalPort] = [base, base + 1, base + 2];
const subgraphPorts = subgraphNames.map((_, i) => base + 3 + i);
const origin = `http://127.0.0.1:${gatewayPort}`;
const children = new Map<string, ChildProcess>();

const admin = async <T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
};
const redis = (...args: string[]) => execFileSync('redis-cli', ['-p', String(REDIS_PORT), ...args], { stdio: 'ignore' });
const startRedis = () => execFileSync('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes']);
const stopRedis = () => {
  try {
    redis('shutdown', 'nosave');
  } catch {
    // not running
  }
};

// --- the platform, part by part -------------------------------------------------------------

const secrets = await loadSecrets(parseEnv({}), null);
const common = {
  ...process.env,
  NODE_ENV: 'test',
  DATABASE_URL: databaseUrl,
  HOST: '127.0.0.1',
  SEED: 'never',
  SAFELIST: 'off',
  RATE_LIMIT_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_USER_PER_MINUTE: '1000000',
  REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
  SHUTDOWN_GRACE_MS: '5000',
  SUBGRAPH_TIMEOUT_MS: '5000',
};
const partEnv = (part: string): NodeJS.ProcessEnv => {
  if (part === 'registry') {
    return {
      ...common,
      REGISTRY_PORT: String(registryPort),
      JWT_PUBLIC_KEY: secrets.jwtPublicKey,
      ...Object.fromEntries(subgraphNames.map((n, i) => [`${n.toUpperCase()}_ROUTING_URL`, `http://127.0.0.1:${subgraphPorts[i]}/graphql`])),
    };
  }
  if (part === 'gateway') {
    return {
      ...common,
      GATEWAY_PORT: String(gatewayPort),
      GATEWAY_INTERNAL_PORT: String(internalPort),
      IDENTITY_SIGNING_KEYS: JSON.stringify(secrets.identityKeys),
      JWT_PUBLIC_KEY: secrets.jwtPublicKey,
      REGISTRY_URL: `http://127.0.0.1:${registryPort}`,
      REGISTRY_POLL_MS: '1000',
    };
  }
  return {
    ...common,
    SUBGRAPH_PORT: String(subgraphPorts[subgraphNames.indexOf(part)]),
    IDENTITY_JWKS_URL: `http://127.0.0.1:${internalPort}/.well-known/jwks.json`,
    GATEWAY_SERVICE_URL: `http://127.0.0.1:${internalPort}/service/graphql`,
    ...(part === 'identity' ? { JWT_PRIVATE_KEY: secrets.jwtPrivateKey } : {}),
  };
};
const readyUrl = (part: string) =>
  part === 'gateway' ? `${origin}/ready` : part === 'registry' ? `http://127.0.0.1:${registryPort}/ready` : `http://127.0.0.1:${subgraphPorts[subgraphNames.indexOf(part)]}/ready`;

async function waitReady(part: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (children.get(part)?.exitCode != null) break;
    const ok = await fetch(readyUrl(part), { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${part} is not ready; its log: ${path.join(logDir, `${part}.log`)}\n${readFileSync(path.join(logDir, `${part}.log`), 'utf8').slice(-2000)}`);
}

function startPart(part: string): ChildProcess {
  const log = openSync(path.join(logDir, `${part}.log`), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'part.ts'), part], { cwd: ROOT, env: partEnv(part), stdio: ['ignore', log, log] });
  children.set(part, child);
  return child;
}

async function kill(part: string, signal: NodeJS.Signals): Promise<void> {
  const child = children.get(part);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

// --- the clients ----------------------------------------------------------------------------

interface Run {
  acknowledged: Map<string, string>; // idempotency key → application id
  errors: Map<string, number>;
  lastError: number | null;
  /** The first success after the last error so far. */
  recovered: number;
}

async function register(): Promise<{ token: string; id: string }> {
  const email = `faults.${randomUUID()}@example.org`;
  for (;;) {
    const r = await graphql(REGISTER, { input: { email, password: 'a-long-password-1', displayName: 'Fault suite' } });
    if (r.body?.data?.register) return { token: r.body.data.register.token, id: r.body.data.register.user.id };
    await sleep(300);
  }
}

async function graphql(query: string, variables: object, token?: string): Promise<{ status: number; body: any; error?: string }> {
  try {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { status: 0, body: null, error: cause ?? (err as Error).name };
  }
}

/** Workers submitting for the citizen until `stopAt()`; each submission retried with its key until acknowledged. */
async function load(token: string, stopAt: () => boolean, giveUpAt: () => number): Promise<Run> {
  const run: Run = { acknowledged: new Map(), errors: new Map(), lastError: null, recovered: 0 };
  let n = 0;
  const worker = async () => {
    while (!stopAt()) {
      const key = randomUUID();
      const formData = sampleFormData(LICENCE.applicationForm!, n++, { fullName: 'Fault Suite', email: 'faults@example.org' });
      for (;;) {
        const r = await graphql(SUBMIT, { input: { procedureId: LICENCE.id, formData, idempotencyKey: key } }, token);
        const id = r.body?.data?.submitApplication?.application?.id;
        if (id) {
          run.acknowledged.set(key, id);
          if (run.lastError !== null && run.recovered < run.lastError) run.recovered = Date.now();
          break;
        }
        const kind = r.error ? `network ${r.error}` : `${r.status} ${r.body?.errors?.[0]?.extensions?.code ?? 'no data'}`;
        run.errors.set(kind, (run.errors.get(kind) ?? 0) + 1);
        run.lastError = Date.now();
        if (Date.now() > giveUpAt()) return;
        await sleep(200);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return run;
}

interface Fault {
  name: string;
  what: string;
  /** Breaks something and repairs it (or lets the platform repair itself); resolves when done. */
  inject: () => Promise<void>;
}

/** SIGKILL, then the same part started again; done when it is ready. */
const killAndRestart = (part: string) => async () => {
  await kill(part, 'SIGKILL');
  startPart(part);
  await waitReady(part);
};
const terminateAll = () => admin(databaseUrl, 'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
const FAULTS: Fault[] = [
  {
    name: 'db-terminate',
    what: 'every connection of the database terminated, 3 times 0.5 s apart',
    inject: async () => {
      for (let i = 0; i < 3; i++) {
        await terminateAll();
        await sleep(500);
      }
    },
  },
  {
    name: 'subgraph-kill',
    what: 'the applications subgraph killed (SIGKILL) and started again',
    inject: killAndRestart('applications'),
  },
  {
    name: 'redis-down',
    what: "the gateway's Redis stopped for 3 s and started again",
    inject: async () => {
      stopRedis();
      await sleep(3000);
      startRedis();
    },
  },
  {
    name: 'gateway-kill',
    what: 'the gateway killed -9 mid-write and started again',
    inject: killAndRestart('gateway'),
  },
];

interface Row {
  fault: string;
  acknowledged: number;
  stored: number;
  lost: number;
  duplicated: number;
  errors: string;
  recoverMs: number | null;
  seconds: number;
}

async function runFault(fault: Fault): Promise<Row> {
  const citizen = await register();
  const t0 = Date.now();
  let injectedAt = 0;
  let repairedAt = Infinity;
  // Load before, during and 3 s after the fault; stragglers get 20 s more to be acknowledged.
  const stopLoad = () => Date.now() > repairedAt + 3000;
  const running = load(citizen.token, stopLoad, () => repairedAt + 20_000);
  await sleep(2000);
  injectedAt = Date.now();
  await fault.inject();
  repairedAt = Date.now();
  const run = await running;

  const rows = await admin<{ id: string; idempotency_key: string }>(databaseUrl, 'select id, idempotency_key from applications.applications where applicant_id = $1', [citizen.id]);
  const storedIds = new Set(rows.map((r) => r.id));
  const keys = new Set(rows.map((r) => r.idempotency_key));
  const lost = [...run.acknowledged.values()].filter((id) => !storedIds.has(id)).length;
  // A key stored twice, or a row no client was ever told about (its key acknowledged as another row).
  const acknowledgedIds = new Set(run.acknowledged.values());
  const duplicated = rows.length - keys.size + rows.filter((r) => !acknowledgedIds.has(r.id) && run.acknowledged.has(r.idempotency_key)).length;
  return {
    fault: fault.name,
    acknowledged: run.acknowledged.size,
    stored: rows.length,
    lost,
    duplicated,
    errors: [...run.errors].map(([k, v]) => `${v}× ${k}`).join(', ') || 'none',
    // From the fault until requests succeeded again (after the last error).
    recoverMs: run.lastError === null ? null : Math.max(run.recovered - injectedAt, 0),
    seconds: Math.round((Date.now() - t0) / 1000),
  };
}

// --- the run --------------------------------------------------------------------------------

async function cleanUp() {
  for (const part of children.keys()) await kill(part, 'SIGKILL');
  stopRedis();
  await admin(ADMIN_URL, `drop database if exists ${database} with (force)`).catch(() => {});
}

let failed = false;
try {
  stopRedis();
  startRedis();
  await admin(ADMIN_URL, `create database ${database}`);
  const t = Date.now();
  // Migrations and demo data, once, in this process (the parts then start with SEED=never).
  const seeded = await bootPlatform({ env: parseEnv({ ...common, ...secretsEnv() }), seed: true, serve: false });
  await seeded.stop();
  startPart('registry');
  await waitReady('registry');
  for (const name of subgraphNames) startPart(name);
  for (const name of subgraphNames) await waitReady(name);
  startPart('gateway');
  await waitReady('gateway');
  console.log(`platform up as ${children.size} processes in ${Math.round((Date.now() - t) / 1000)} s (logs in ${logDir}); ${WORKERS} clients submitting\n`);

  const table: Row[] = [];
  for (const fault of FAULTS) {
    const row = await runFault(fault);
    table.push(row);
    console.log(`${fault.name}: ${fault.what}: done in ${row.seconds} s`);
  }
  console.log(`\n${markdown(table)}\nload average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  failed = table.some((r) => r.lost > 0 || r.duplicated > 0);
  if (failed) console.error('\nFAILED: a fault lost or duplicated submissions');
} catch (err) {
  console.error(err);
  failed = true;
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);

function secretsEnv() {
  return { IDENTITY_SIGNING_KEYS: JSON.stringify(secrets.identityKeys), JWT_PRIVATE_KEY: secrets.jwtPrivateKey, JWT_PUBLIC_KEY: secrets.jwtPublicKey };
}

function markdown(rows: Row[]): string {
  const head = '| fault | acknowledged | stored | lost | duplicated | errors clients saw (then retried) | recovered after |\n| --- | ---: | ---: | ---: | ---: | --- | ---: |';
  const line = (r: Row) =>
    `| ${r.fault} | ${r.acknowledged} | ${r.stored} | ${r.lost} | ${r.duplicated} | ${r.errors} | ${r.recoverMs === null ? 'no errors' : `${(r.recoverMs / 1000).toFixed(1)} s`} |`;
  return [head, ...rows.map(line)].join('\n');
}
