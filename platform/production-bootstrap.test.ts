import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { post, startTestGateway } from '../test/gateway';
import { gql, operation } from '../test/graph';
import { startOwnIdentity } from '../test/own-identity';
import { runScript } from '../test/run-script';
import { adminCommand } from './admin-command';
import { bootPlatform, seedsDemoData } from './boot';
import { parseEnv } from './config';

/**
 * A production platform starts empty: demo data (accounts with a published password) is never
 * seeded, and `npm run admin -- create` makes the first admin, who signs in through the gateway.
 */
describe('demo data never in production', () => {
  it('refuses SEED=always, and `npm start` does not seed, under NODE_ENV=production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', SEED: 'always' })).toThrow(/SEED: demo data .* never seeded in production/);
    // `npm start` seeds what seedsDemoData says (scripts/start.ts).
    expect(seedsDemoData(parseEnv({ NODE_ENV: 'production' }))).toBe(false);
    expect(seedsDemoData(parseEnv({ NODE_ENV: 'production', SEED: 'auto' }))).toBe(false);
    expect(seedsDemoData(parseEnv({ NODE_ENV: 'development' }))).toBe(true);
    expect(seedsDemoData(parseEnv({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db/x' }))).toBe(false);
    expect(seedsDemoData(parseEnv({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db/x', SEED: 'always' }))).toBe(true);
  });

  it('refuses to boot a production platform with seeding asked for', async () => {
    await expect(bootPlatform({ env: parseEnv({ NODE_ENV: 'production' }), seed: true, ephemeral: true })).rejects.toThrow(/never seeded in production/);
  });

  it('`npm run seed` exits 1 in production, touching nothing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'egov-seed-'));
    try {
      const run = await runScript('scripts/seed.ts', [], { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: dataDir });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/never seeded in production.*npm run admin -- create/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // a child Node.js process through tsx: 25 s on a busy 2-core machine
});

describe('npm run admin -- create', () => {
  let identity: Awaited<ReturnType<typeof startOwnIdentity>>;
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  beforeAll(async () => {
    // An empty identity database, as a fresh production platform has.
    identity = await startOwnIdentity();
    gw = await startTestGateway({ subgraphUrls: { ...inject('subgraphUrls'), identity: identity.url } });
  });
  afterAll(async () => {
    await gw?.stop();
    await identity?.stop();
  });
  const run = (args: string[], password = 'first-admin-password') => adminCommand(args, { db: identity.db, password: async () => password });

  it('creates the first admin, who signs in through the gateway', async () => {
    const result = await run(['create', '--email', 'Root@Example.gov', '--role', 'admin', '--name', 'First Admin']);
    expect(result).toEqual({ code: 0, message: expect.stringMatching(/^Created ADMIN root@example\.gov \(id [0-9a-f-]{36}\)/) });
    const login = await post(gw.url, { query: operation('web/Login'), variables: { email: 'root@example.gov', password: 'first-admin-password' } });
    expect(login.body.data.login).toMatchObject({ userErrors: [], user: { displayName: 'First Admin', roles: ['ADMIN'], department: null } });
  });

  it('refuses what would make a broken account, changing nothing', async () => {
    expect(await run(['create', '--email', 'root@example.gov', '--role', 'admin'])).toEqual({ code: 1, message: '--email: An account with this email already exists. (EMAIL_TAKEN)' });
    expect(await run(['create', '--email', 'short@example.gov', '--role', 'admin'], 'short')).toMatchObject({ code: 1, message: expect.stringContaining('WEAK_PASSWORD') });
    expect(await run(['create', '--email', 'o@example.gov', '--role', 'officer'])).toMatchObject({ code: 1, message: expect.stringContaining('--department: ') });
    expect(await run(['create', '--email', 'o@example.gov', '--role', 'officer', '--department', 'NOPE'])).toMatchObject({ code: 1, message: expect.stringContaining('UNKNOWN_DEPARTMENT') });
    expect(await run(['create', '--email', 'c@example.gov', '--role', 'citizen'])).toMatchObject({ code: 1, message: expect.stringContaining('INVALID_ROLE') });
    expect((await run(['create', '--role', 'admin'])).code).toBe(2);
    expect((await run(['delete', '--email', 'root@example.gov', '--role', 'admin'])).code).toBe(2);
    const r = await post(gw.url, { query: operation('web/Login'), variables: { email: 'short@example.gov', password: 'short' } });
    expect(r.body.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('runs as a command with ADMIN_PASSWORD, on the database the environment names', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'egov-admin-'));
    const email = `cli.${Date.now()}@example.gov`;
    // On PostgreSQL the platform's own database, so the new admin signs in through the suite's gateway.
    const database = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATA_DIR: dataDir };
    const cli = () => runScript('scripts/admin.ts', ['create', '--email', email, '--role', 'admin'], { PATH: process.env.PATH, ADMIN_PASSWORD: 'command-line-password', ...database });
    try {
      const first = await cli();
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^Created ADMIN /);
      const again = await cli();
      expect([again.status, again.stderr.trim()]).toEqual([1, '--email: An account with this email already exists. (EMAIL_TAKEN)']);
      if (process.env.DATABASE_URL) {
        const login = await gql(operation('web/Login'), { email, password: 'command-line-password' });
        expect(login.data.login.user.roles).toEqual(['ADMIN']);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000); // two runs of the command, the first making an embedded database: 59 s on a busy 2-core machine
});
