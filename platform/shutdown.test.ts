import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../core/root';
import { LICENCE, validForm } from '../subgraphs/applications/test-support';
import { operation } from '../test/graph';
import { freePorts } from './free-ports';

/**
 * `npm start` on the machine's PostgreSQL (a database of its own), stopped by SIGTERM to the npm
 * process while 40 submissions are in flight: each is answered (stored) or refused with a
 * retryable 503, none fails with a 500, none is stored unacknowledged or acknowledged unstored,
 * and every process npm started ends with it.
 */
const ADMIN_URL = process.env.WORKERS_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Outcome {
  status: number | null;
  body: any;
  error?: string;
}

describe('SIGTERM to npm start with submissions in flight', () => {
  const database = `egov_shutdown_${Date.now()}_${process.pid}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'egov-shutdown-'));
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
  let npm: ChildProcess;
  let origin = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const base = await freePorts(7);
    // Its own process group, so the test can tell whether anything npm started outlives it.
    npm = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        GATEWAY_PORT: String(base),
        SUBGRAPH_BASE_PORT: String(base + 1),
        GATEWAY_INTERNAL_PORT: String(base + 6),
        DATA_DIR: dataDir,
        SEED: 'always',
        SAFELIST: 'off',
        RATE_LIMIT_IP_PER_MINUTE: '100000',
        RATE_LIMIT_USER_PER_MINUTE: '100000',
        // The portal is not what this test is about: no build of it.
        EGOV_BUILD: 'production',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exited = new Promise((resolve) => npm.once('exit', (code) => resolve(code)));
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      npm.stdout!.on('data', (chunk) => {
        out += chunk;
        if (process.env.DEBUG_SHUTDOWN) process.stdout.write(chunk);
        const m = /The platform is up\. Open (http:\/\/[^/]+)\//.exec(out);
        if (m) resolve(m[1]);
      });
      void exited.then((code) => reject(new Error(`npm start exited with ${code} before serving:\n${out}`)));
    });
  }, 240_000);

  afterAll(async () => {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A GraphQL POST on a connection of its own; `sent` resolves once the whole request is on the wire. */
  const send = (query: string, variables: object, token?: string) => {
    let sent!: () => void;
    const written = new Promise<void>((resolve) => (sent = resolve));
    const answer = new Promise<Outcome>((resolve) => {
      const req = http.request(`${origin}/graphql`, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      req.on('finish', sent);
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? null, body: JSON.parse(body) }));
      });
      req.on('error', (err) => {
        sent();
        resolve({ status: null, body: null, error: err.message });
      });
      req.end(JSON.stringify({ query, variables }));
    });
    return { written, answer };
  };

  it('answers or retryably refuses every one, loses none, and leaves no process behind', async () => {
    const email = `shutdown.${Date.now()}@example.org`;
    const registered = await send(operation('web/Register'), { input: { email, password: 'a-long-password-1', displayName: 'Shutdown' } }).answer;
    const { token, user } = registered.body.data.register;

    const submissions = Array.from({ length: 40 }, () =>
      send(operation('web/SubmitApplication'), { input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey: randomUUID() } }, token),
    );
    await Promise.all(submissions.map((s) => s.written));
    // The first answer means the platform is at work on the others: the signal comes now.
    await Promise.race(submissions.map((s) => s.answer));
    process.kill(npm.pid!, 'SIGTERM');
    const outcomes = await Promise.all(submissions.map((s) => s.answer));

    const acknowledged = outcomes.filter((o) => o.status === 200 && o.body.data?.submitApplication?.application?.id);
    for (const o of outcomes) {
      if (acknowledged.includes(o)) continue;
      expect(o).toMatchObject({ status: 503, body: { errors: [{ extensions: { code: expect.stringMatching(/^(SHUTTING_DOWN|DATABASE_UNAVAILABLE)$/) } }] } });
    }
    await exited;
    // Nothing npm started is left running.
    expect(() => process.kill(-npm.pid!, 0)).toThrow(/ESRCH/);

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const { rows } = await admin.query<{ id: string }>('select id from applications.applications where applicant_id = $1', [user.id]);
    await admin.end();
    expect(rows.map((r) => r.id).sort()).toEqual(acknowledged.map((o) => o.body.data.submitApplication.application.id).sort());
    console.log(`[shutdown test] ${acknowledged.length} of 40 acknowledged and stored, ${40 - acknowledged.length} refused with 503`);
  }, 60_000);
});
