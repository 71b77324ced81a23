import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { bootPlatform, type Platform } from '../platform/boot';
import { parseEnv, seedsDemoData } from '../platform/config';
import { ROOT } from '../core/root';
import { DEMO_PASSWORD, gql, operation } from '../test/graph';
import { post } from '../test/gateway';

const run = promisify(execFile);

/** `npm run admin -- …` as an operator runs it, with an environment of its own. */
async function admin(args: string[], env: Record<string, string>) {
  try {
    const r = await run('npx', ['tsx', 'scripts/admin.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('production bootstrap: the first admin, and no demo data', () => {
  let production: Platform | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bootstrap-'));
  afterAll(async () => {
    await production?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first admin on the embedded default, who signs in to a production platform that seeded nothing', async () => {
    const email = `first.admin.${Date.now()}@example.gov`;
    const created = await admin(['create', '--email', email, '--name', 'First Admin'], { DATA_DIR: dataDir, EGOV_ADMIN_PASSWORD: 'first-admin-password' });
    expect(created.stderr).not.toMatch(/error/i);
    expect([created.code, created.stdout]).toEqual([0, expect.stringContaining(`Created admin ${email}`)]);

    const again = await admin(['create', '--email', email, '--name', 'Twice'], { DATA_DIR: dataDir, EGOV_ADMIN_PASSWORD: 'first-admin-password' });
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('already exists')]);
    const noPassword = await admin(['create', '--email', `x.${email}`, '--name', 'X'], { DATA_DIR: dataDir });
    expect([noPassword.code, noPassword.stderr]).toEqual([1, expect.stringContaining('EGOV_ADMIN_PASSWORD')]);

    const secrets = inject('secrets');
    const env = parseEnv({
      NODE_ENV: 'production', DATA_DIR: dataDir, GATEWAY_PORT: '0', SUBGRAPH_BASE_PORT: '0', GATEWAY_INTERNAL_PORT: '0',
      SUPERGRAPH_SOURCE: 'file', SAFELIST: 'off',
      IDENTITY_SIGNING_KEYS: JSON.stringify(secrets.identityKeys), JWT_PRIVATE_KEY: secrets.jwtPrivateKey, JWT_PUBLIC_KEY: secrets.jwtPublicKey,
    });
    expect(seedsDemoData(env)).toBe(false); // SEED=auto seeds nothing in production
    production = await bootPlatform({ env, seed: seedsDemoData(env) });
    const signIn = (e: string, password: string) =>
      post(production!.gateway!.url, { query: operation('web/Login'), variables: { email: e, password } }).then((r) => r.body.data.login);

    expect(await signIn(email, 'first-admin-password')).toMatchObject({ token: expect.stringMatching(/^ey/), user: { roles: ['ADMIN'] } });
    expect((await signIn('admin@demo.gov', DEMO_PASSWORD)).userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it.runIf(process.env.DATABASE_URL)('creates an admin on DATABASE_URL, who signs in through the gateway', async () => {
    const email = `pg.admin.${Date.now()}@example.gov`;
    const created = await admin(['create', '--email', email, '--name', 'PG Admin'], { DATABASE_URL: inject('databaseUrl'), EGOV_ADMIN_PASSWORD: 'pg-admin-password' });
    expect(created.code).toBe(0);
    const r = await gql(operation('web/Login'), { email, password: 'pg-admin-password' });
    expect(r.data.login.user.roles).toEqual(['ADMIN']);
  });

  it('refuses to seed demo data in production: SEED=always is an error at start', async () => {
    expect(() => parseEnv({ NODE_ENV: 'production', SEED: 'always' })).toThrow(/SEED: always would put demo accounts with a published password into production/);
    expect(seedsDemoData(parseEnv({ NODE_ENV: 'development' }))).toBe(true);
    await expect(bootPlatform({ env: parseEnv({ NODE_ENV: 'production' }), seed: true, serve: false })).rejects.toThrow(/never seeded under NODE_ENV=production/);

    const started = await run('npx', ['tsx', 'scripts/start.ts'], { cwd: ROOT, env: { PATH: process.env.PATH!, NODE_ENV: 'production', SEED: 'always' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(started.code).not.toBe(0);
    expect(started.stderr).toContain('SEED: always would put demo accounts');
  });
});
