import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, generateKeys, waitForOutput } from './setup';

/**
 * Several hosts, simulated: every part of the platform from the production build (no dev
 * dependency) as a process of its own on an address of its own (127.X.0.n, as if on separate
 * machines; they know each other only by URL), three gateways behind a real nginx, over one
 * PostgreSQL database and one Redis. nginx also stands for the cluster's internal Service in front
 * of the gateways' internal port (the subgraphs' JWKS and granted reads).
 */
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
if (!NGINX) console.warn('hosts.test.ts: nginx is not installed (apt-get install nginx; .ci/run does it): the multi-host test is skipped');

const net2 = 100 + Math.floor(Math.random() * 150); // the second octet of this run's addresses
const at = (n: number, third = 0) => `127.${net2}.${third}.${n}`;
const HOSTS = {
  lb: at(1),
  lbInternal: at(11),
  registry: at(2),
  subgraphs: { identity: at(3), publications: at(4), procedures: at(5), applications: at(6), feedback: at(7) },
  transport: at(8),
  gateways: [at(21), at(22), at(23)],
};
const RATE_LIMIT = 120;
const ADMIN = { email: 'admin@demo.gov', password: 'demo-password-2026' };

/** A port free on every address of this run (the same port on each "host", as in a cluster). */
async function freePortOnAll(addresses: string[]): Promise<number> {
  const free = (port: number, host: string) =>
    new Promise<boolean>((resolve) => {
      const s = net.createServer().once('error', () => resolve(false));
      s.listen(port, host, () => s.close(() => resolve(true)));
    });
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const ok = await Promise.all(addresses.flatMap((a) => [free(port, a), free(port + 1, a)]));
    if (ok.every(Boolean)) return port;
  }
}

/**
 * Requests from a client address of our own, so this run's rate-limit counters are its own. undici
 * takes `localAddress` as a client option; inside `connect` it is silently ignored (all from 127.0.0.1).
 */
const clients = new Map<string, Agent>();
const from = (address: string) => {
  let agent = clients.get(address);
  if (!agent) clients.set(address, (agent = new Agent({ localAddress: address, keepAliveTimeout: 1000 })));
  return agent;
};

interface Answer {
  status: number;
  upstream?: string;
  body: any;
}
async function graphql(url: string, opts: { query: string; variables?: object; token?: string; client?: string; method?: 'GET' | 'POST' }): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) };
  const get = opts.method === 'GET';
  const target = get ? `${url}?query=${encodeURIComponent(opts.query)}` : url;
  const res = await request(target, {
    method: get ? 'GET' : 'POST',
    headers: get ? { ...headers, 'apollo-require-preflight': 'true' } : headers,
    body: get ? undefined : JSON.stringify({ query: opts.query, variables: opts.variables }),
    dispatcher: opts.client ? from(opts.client) : undefined,
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  const text = await res.body.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // nginx's own error page
  }
  return { status: res.statusCode, upstream: res.headers['x-upstream'] as string | undefined, body };
}

describe.skipIf(!NGINX)('several hosts: three gateways, the subgraphs and the registry apart, behind nginx', () => {
  const dir = inject('productionDir');
  const database = `egov_hosts_${Date.now()}_${process.pid}`;
  const work = mkdtempSync(path.join(tmpdir(), 'egov-hosts-'));
  const children: ChildProcess[] = [];
  const gateways: ChildProcess[] = [];
  let port = 0;
  let lb = '';
  let env: Record<string, string> = {};

  const start = async (name: string, args: string[], extra: Record<string, string>) => {
    const child = spawn(process.execPath, ['--enable-source-maps', ...args], { cwd: dir, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    await waitForOutput(child, /serving at|listening at/, name);
    return child;
  };

  beforeAll(async () => {
    port = await freePortOnAll([HOSTS.lb, HOSTS.lbInternal, HOSTS.registry, ...Object.values(HOSTS.subgraphs), HOSTS.transport, ...HOSTS.gateways]);
    lb = `http://${HOSTS.lb}:${port}`;
    const databaseUrl = await createDatabase(database);
    env = {
      PATH: process.env.PATH!,
      ...generateKeys(dir),
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      IDENTITY_JWKS_URL: `http://${HOSTS.lbInternal}:${port}/.well-known/jwks.json`,
      GATEWAY_SERVICE_URL: `http://${HOSTS.lbInternal}:${port}/service/graphql`,
      SUBGRAPH_PORT: String(port),
    };
    // Migrations and the first admin once, as an operator's jobs would (the image's `migrate` and
    // `admin`): production never seeds demo data.
    const migrate = spawn(process.execPath, ['dist/migrate.js'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForOutput(migrate, /^Migrated\./m, 'migrate');
    const admin = spawn(process.execPath, ['dist/admin.js', 'create', '--email', ADMIN.email, '--role', 'admin'], {
      cwd: dir,
      env: { ...env, ADMIN_PASSWORD: ADMIN.password },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(admin, /^Created ADMIN/m, 'admin');

    const routing = Object.fromEntries(Object.entries(HOSTS.subgraphs).map(([name, host]) => [`${name.toUpperCase()}_ROUTING_URL`, `http://${host}:${port}/graphql`]));
    await Promise.all([
      start('registry', ['dist/part.js', 'registry'], { HOST: HOSTS.registry, REGISTRY_PORT: String(port), ...routing }),
      ...Object.entries(HOSTS.subgraphs).map(([name, host]) => start(name, ['dist/part.js', name], { HOST: host })),
    ]);

    const upstream = (p: number) => HOSTS.gateways.map((g) => `    server ${g}:${p} max_fails=1 fail_timeout=10s;`).join('\n');
    mkdirSync(path.join(work, 'logs'));
    // deploy/nginx.conf's shape, on this run's addresses; X-Upstream says which gateway answered.
    writeFileSync(
      path.join(work, 'nginx.conf'),
      `worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${work}/body; proxy_temp_path ${work}/proxy; fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi; scgi_temp_path ${work}/scgi;
  upstream gateways {
${upstream(port)}
    keepalive 32;
  }
  upstream gateways_internal {
${upstream(port + 1)}
  }
  server {
    listen ${HOSTS.lb}:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_connect_timeout 2s;
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 3;
    add_header X-Upstream $upstream_addr always;
    location /admin/ { proxy_pass http://${HOSTS.registry}:${port}; }
    location / { proxy_pass http://gateways; }
  }
  server {
    listen ${HOSTS.lbInternal}:${port};
    proxy_next_upstream error timeout http_502 http_503;
    location / { proxy_pass http://gateways_internal; }
  }
}
`,
    );
    const nginx = spawn(NGINX!, ['-p', work, '-c', path.join(work, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(nginx);

    for (const host of HOSTS.gateways) {
      gateways.push(
        await start(`gateway ${host}`, ['dist/part.js', 'gateway'], {
          HOST: host,
          INTERNAL_HOST: host,
          GATEWAY_PORT: String(port),
          GATEWAY_INTERNAL_PORT: String(port + 1),
          REGISTRY_URL: `http://${HOSTS.registry}:${port}`,
          REGISTRY_POLL_MS: '500',
          // nginx on loopback is the one proxy whose X-Forwarded-For names the client.
          TRUST_PROXY: 'loopback',
          RATE_LIMIT_IP_PER_MINUTE: String(RATE_LIMIT),
          RATE_LIMIT_USER_PER_MINUTE: String(RATE_LIMIT),
          // Revocation reaches every part within this; short, so the test below waits little.
          SESSION_CHECK_SECONDS: '1',
        }),
      );
    }
  }, 900_000);

  afterAll(async () => {
    await Promise.all(
      children.map((c) => {
        if (c.exitCode !== null || c.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => c.once('exit', resolve));
        c.kill('SIGTERM');
        return exited;
      }),
    );
    await Promise.all([...clients.values()].map((a) => a.close()));
    await dropDatabase(database).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('serves the graph through the load balancer from each of the three gateways', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 9; i++) {
      const r = await graphql(`${lb}/graphql`, { query: '{ procedures(first: 1) { totalCount } }', client: at(1, 1) });
      expect(r.status).toBe(200);
      // Production has no demo data: an empty catalogue, answered by whichever gateway.
      expect(r.body.data.procedures.totalCount).toBe(0);
      seen.add(r.upstream!);
    }
    expect(seen.size).toBe(3);
    // A signed-in call crosses gateway → identity → the gateway's JWKS behind the internal balancer.
    const login = await graphql(`${lb}/graphql`, {
      query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      variables: ADMIN,
      client: at(1, 1),
    });
    const me = await graphql(`${lb}/graphql`, { query: '{ me { email roles } }', token: login.body.data.login.token, client: at(1, 1) });
    expect(me.body.data.me).toEqual({ email: ADMIN.email, roles: ['ADMIN'] });
  });

  it('a registry publish reaches every gateway within seconds', async () => {
    await start('transport', ['dist/transport.js'], {
      SUBGRAPH_NAME: 'transport',
      HOST: HOSTS.transport,
      SEED: 'always',
      NODE_ENV: 'production',
    });
    // The operator's CLI, through the load balancer to the registry's /admin.
    const published = spawnSync(
      process.execPath,
      ['dist/subgraph.js', 'publish', '--name', 'transport', '--schema', 'subgraphs/transport/schema.graphql', '--url', `http://${HOSTS.transport}:${port}/graphql`, '--gateway', lb],
      { cwd: dir, env: { PATH: env.PATH, EGOV_EMAIL: ADMIN.email, EGOV_PASSWORD: ADMIN.password }, encoding: 'utf8' },
    );
    expect(published.status, published.stdout + published.stderr).toBe(0);
    const t0 = Date.now();
    // Each gateway asked directly, not through the balancer.
    const served = await Promise.all(
      HOSTS.gateways.map(async (g) => {
        for (;;) {
          const r = await graphql(`http://${g}:${port}/graphql`, { query: '{ transportRoutes { code } }', client: at(1, 2) });
          if (r.body.data?.transportRoutes?.length) return Date.now() - t0;
          if (Date.now() - t0 > 15_000) throw new Error(`gateway ${g} still answers ${JSON.stringify(r.body).slice(0, 200)}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }),
    );
    console.log(`publish → served by every gateway after ${served.map((ms) => `${ms} ms`).join(', ')}`);
    // The gateways poll the registry every 500 ms; the rest is composing and planning on a shared CI machine.
    expect(Math.max(...served)).toBeLessThan(10_000);
  });

  it("the registry, a part of its own, refuses an admin's token once the admin signed out everywhere", async () => {
    const client = at(1, 4);
    const login = await graphql(`${lb}/graphql`, {
      query: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      variables: ADMIN,
      client,
    });
    const token = login.body.data.login.token as string;
    const subgraphs = async () => {
      const res = await request(`${lb}/admin/subgraphs`, { headers: { authorization: `Bearer ${token}` }, dispatcher: from(client) });
      return { status: res.statusCode, body: (await res.body.json()) as any };
    };
    expect((await subgraphs()).status).toBe(200);
    const out = await graphql(`${lb}/graphql`, { query: 'mutation { signOutEverywhere }', token, client });
    expect(out.body.data).toEqual({ signOutEverywhere: true });
    // Still a well-signed, unexpired token: only a gateway's session check can tell it has ended.
    const until = Date.now() + 10_000;
    let after = await subgraphs();
    while (after.status === 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await subgraphs();
    }
    expect(after).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  });

  it('holds one rate limit across the three gateways (shared in Redis)', async () => {
    const client = at(7, 3);
    const answers: Answer[] = [];
    for (let i = 0; i < RATE_LIMIT + 30; i += 10) {
      answers.push(...(await Promise.all(Array.from({ length: 10 }, () => graphql(`${lb}/graphql`, { query: '{ procedures(first: 1) { totalCount } }', client })))));
    }
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(ok.length).toBe(RATE_LIMIT);
    expect(limited.length).toBe(30);
    expect(limited[0].body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // Every gateway counted into the one limit: each answered, each refused some.
    expect(new Set(ok.map((a) => a.upstream)).size).toBe(3);
    expect(new Set(limited.map((a) => a.upstream)).size).toBe(3);
  });

  it('killing one gateway under load fails only requests it held; the balancer retries the rest', async () => {
    const WORKERS = 8;
    const victim = gateways[1];
    const victimAddress = `${HOSTS.gateways[1]}:${port}`;
    let killedAt = 0;
    const results: { ok: boolean; method: 'GET' | 'POST'; at: number; upstream?: string; error?: string }[] = [];
    const worker = async (w: number) => {
      const method = w % 2 === 0 ? 'GET' : 'POST';
      const client = at(10 + w, 4);
      for (let i = 0; i < 40; i++) {
        const q = `{ publications(first: ${1 + ((i + w) % 5)}) { edges { node { id title } } } }`;
        try {
          const r = await graphql(`${lb}/graphql`, { query: q, client, method });
          results.push({ ok: r.status === 200 && !!r.body.data, method, at: Date.now(), upstream: r.upstream, error: r.status === 200 ? undefined : String(r.status) });
        } catch (err) {
          results.push({ ok: false, method, at: Date.now(), error: (err as Error).message });
        }
        if (w === 0 && i === 10) {
          killedAt = Date.now();
          victim.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const failed = results.filter((r) => !r.ok);
    console.log(`${results.length} requests, ${failed.length} failed: ${JSON.stringify(failed.map((f) => `${f.method} ${f.error}`))}`);
    expect(killedAt).toBeGreaterThan(0);
    // Safe requests (GET) were retried on another gateway; at most the POSTs it held were lost.
    expect(failed.filter((f) => f.method === 'GET')).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(WORKERS / 2);
    // Once it is gone, nothing fails and the other two serve everything.
    const after = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        graphql(`${lb}/graphql`, { query: '{ procedures(first: 2) { totalCount } }', client: at(30 + (i % 5), 4), method: i % 2 ? 'GET' : 'POST' }),
      ),
    );
    expect(after.map((r) => r.status)).toEqual(after.map(() => 200));
    expect(after.every((r) => r.upstream?.split(', ').at(-1) !== victimAddress)).toBe(true);
  });
});
