import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../core/root';
import { readRoverConfig } from '../schema/rover-config';
import { post } from '../test/gateway';
import { newCitizen, tokenFor } from '../test/graph';
import { adminCall, startRegistryWorld, TRANSPORT_SDL, TRANSPORT_V1_SDL, type RegistryWorld } from './test-support';

let world: RegistryWorld;
let admin: string;
let origin: string;

beforeAll(async () => {
  world = await startRegistryWorld(1);
  origin = world.gateways[0].origin;
  admin = await tokenFor('admin@demo.gov');
});
afterAll(() => world?.stop());

const CREDENTIAL = /^egov_dept_[A-Za-z0-9_-]{43}$/;
const issue = async (name = 'transport') => {
  const r = await adminCall(origin, 'POST', `/admin/subgraphs/${name}/credentials`, admin);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; credential: string };
};
const schemaOf = (name: string) => readFileSync(readRoverConfig().subgraphs.find((s) => s.name === name)!.schemaFile, 'utf8');
const run = promisify(execFile);
/** `npm run subgraph -- <args>` against the test's gateway with only the given variables added. */
async function cli(env: Record<string, string>, ...args: string[]) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EGOV_')));
  try {
    const r = await run('npx', ['tsx', 'scripts/subgraph.ts', ...args, '--gateway', origin], { cwd: ROOT, env: { ...clean, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('department credentials', () => {
  it('an admin issues one for a subgraph name: shown once, never cached, stored only as its hash with who and when', async () => {
    const r = await adminCall(origin, 'POST', '/admin/subgraphs/transport/credentials', admin);
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ subgraph: 'transport', revokedAt: null, revokedBy: null });
    expect(r.body.credential).toMatch(CREDENTIAL);
    expect(r.body.issuedBy).toMatch(/^[0-9a-f-]{36}$/);

    const rows = await world.registry.db.selectFrom('credentials').selectAll().where('id', '=', r.body.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(r.body.credential).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(r.body.credential.slice('egov_dept_'.length));

    const listed = await adminCall(origin, 'GET', '/admin/subgraphs/transport/credentials', admin);
    expect(listed.body.credentials).toContainEqual({ id: r.body.id, subgraph: 'transport', issuedBy: r.body.issuedBy, issuedAt: r.body.issuedAt, revokedBy: null, revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(r.body.credential);
  });

  it('lets a department publish, check, roll back and read its own subgraph, recorded as its credential', async () => {
    const { id, credential } = await issue();
    const v1 = await adminCall(origin, 'POST', '/admin/subgraphs', credential, { name: 'transport', url: world.transport.url, schema: TRANSPORT_V1_SDL });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body.subgraph).toEqual({ name: 'transport', version: 1 });
    const v2 = await adminCall(origin, 'POST', '/admin/subgraphs', credential, { name: 'transport', url: world.transport.url, schema: TRANSPORT_SDL });
    expect(v2.body.subgraph).toEqual({ name: 'transport', version: 2 });

    const check = await adminCall(origin, 'POST', '/admin/subgraphs/check', credential, { name: 'transport', schema: TRANSPORT_V1_SDL });
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(true);

    const back = await adminCall(origin, 'POST', '/admin/subgraphs/transport/rollback', credential, {});
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.subgraph).toEqual({ name: 'transport', version: 1 });

    const history = await adminCall(origin, 'GET', '/admin/subgraphs/transport/history', credential);
    expect(history.body).toMatchObject({ name: 'transport', currentVersion: 1 });
    expect(history.body.versions.map((v: { publishedBy: string }) => v.publishedBy)).toEqual([`credential:${id}`, `credential:${id}`]);
    const list = await adminCall(origin, 'GET', '/admin/subgraphs', credential);
    expect(list.body.subgraphs.map((s: { name: string }) => s.name)).toEqual(['transport']);
  });

  it('refuses every other subgraph name with 403 FORBIDDEN and stores nothing', async () => {
    const { credential } = await issue();
    const before = await world.registry.latestVersion();
    const refused = [
      await adminCall(origin, 'POST', '/admin/subgraphs', credential, { name: 'procedures', url: 'http://127.0.0.1:1/graphql', schema: schemaOf('procedures') }),
      await adminCall(origin, 'POST', '/admin/subgraphs', credential, { url: world.transport.url, schema: TRANSPORT_SDL }),
      await adminCall(origin, 'POST', '/admin/subgraphs/check', credential, { name: 'parks', schema: TRANSPORT_SDL }),
      await adminCall(origin, 'POST', '/admin/subgraphs/identity/rollback', credential, {}),
      await adminCall(origin, 'GET', '/admin/subgraphs/identity/history', credential),
      await adminCall(origin, 'POST', '/admin/subgraphs/transport/credentials', credential),
      await adminCall(origin, 'GET', '/admin/subgraphs/transport/credentials', credential),
      await adminCall(origin, 'GET', '/admin/credentials', credential),
    ];
    for (const r of refused) {
      expect(r.status, JSON.stringify(r.body)).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect(await world.registry.latestVersion()).toBe(before);
  });

  it('refuses (403) a subgraph of its own name that would take over another subgraph\'s fields, and stores nothing', async () => {
    const { credential } = await issue();
    const before = await world.registry.latestVersion();
    // Sign-in through the department: every password would reach it.
    const hijack = `${TRANSPORT_SDL.replace('import: ["@key"]', 'import: ["@key", "@shareable", "@override"]')}
      type User @key(fields: "id", resolvable: false) { id: ID! }
      type UserError @shareable { field: String message: String! code: String! params: [MessageParam!]! }
      type MessageParam @shareable { name: String! value: String! }
      type AuthPayload { token: String @override(from: "identity") user: User @override(from: "identity") userErrors: [UserError!]! @override(from: "identity") retryAfterSeconds: Int @override(from: "identity") }
      input RegisterInput { email: String! password: String! displayName: String! }
      type Mutation {
        login(email: String!, password: String!): AuthPayload! @override(from: "identity")
        register(input: RegisterInput!): AuthPayload! @override(from: "identity")
      }`;
    const spec = { name: 'transport', url: world.transport.url, schema: hijack };
    for (const path of ['/admin/subgraphs', '/admin/subgraphs/check']) {
      const r = await adminCall(origin, 'POST', path, credential, spec);
      expect(r.status, JSON.stringify(r.body.error)).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
      expect(r.body.error.message).toMatch(/Mutation\.login \(overrides identity\)/);
    }
    expect(await world.registry.latestVersion()).toBe(before);
  });

  it('only admins issue, list and revoke: anonymous 401, a citizen or the department officer 403; built-in subgraphs get none', async () => {
    const { id } = await issue();
    const citizen = (await newCitizen('credentials')).token;
    const officer = await tokenFor('officer.transport@demo.gov');
    for (const [method, path] of [
      ['POST', '/admin/subgraphs/transport/credentials'],
      ['GET', '/admin/subgraphs/transport/credentials'],
      ['GET', '/admin/credentials'],
      ['DELETE', `/admin/subgraphs/transport/credentials/${id}`],
    ] as const) {
      expect((await adminCall(origin, method, path, null)).status).toBe(401);
      for (const token of [citizen, officer]) {
        const r = await adminCall(origin, method, path, token);
        expect(r.status).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
      }
    }
    const builtin = await adminCall(origin, 'POST', '/admin/subgraphs/identity/credentials', admin);
    expect(builtin.status).toBe(403);
    expect(builtin.body.error.message).toMatch(/platform's own/);
    expect((await adminCall(origin, 'GET', '/admin/subgraphs/transport/credentials', admin)).body.credentials.find((c: { id: string }) => c.id === id).revokedAt).toBeNull();
  });

  it('stops a revoked credential with the next request (401); the department\'s other credentials keep working', async () => {
    const revoked = await issue();
    const kept = await issue();
    expect((await adminCall(origin, 'GET', '/admin/subgraphs/transport/history', revoked.credential)).status).toBe(200);

    const r = await adminCall(origin, 'DELETE', `/admin/subgraphs/transport/credentials/${revoked.id}`, admin);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: revoked.id, subgraph: 'transport', revokedBy: r.body.issuedBy });
    expect(r.body.revokedAt).not.toBeNull();

    const refused = await adminCall(origin, 'GET', '/admin/subgraphs/transport/history', revoked.credential);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    expect((await adminCall(origin, 'POST', '/admin/subgraphs/transport/rollback', revoked.credential, {})).status).toBe(401);
    expect((await adminCall(origin, 'GET', '/admin/subgraphs/transport/history', kept.credential)).status).toBe(200);

    // Revoking again keeps the first revocation; another name's path does not reach it.
    expect((await adminCall(origin, 'DELETE', `/admin/subgraphs/transport/credentials/${revoked.id}`, admin)).body.revokedAt).toBe(r.body.revokedAt);
    expect((await adminCall(origin, 'DELETE', `/admin/subgraphs/parks/credentials/${kept.id}`, admin)).status).toBe(404);
    expect((await adminCall(origin, 'DELETE', '/admin/subgraphs/transport/credentials/not-an-id', admin)).status).toBe(404);
  });

  it('refuses a credential nobody issued with 401, whatever its shape', async () => {
    for (const forged of [`egov_dept_${randomBytes(32).toString('base64url')}`, 'egov_dept_', 'egov_dept_x']) {
      const r = await adminCall(origin, 'GET', '/admin/subgraphs', forged);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('is not a sign-in token: /graphql refuses it with 401 UNAUTHENTICATED, never answers as someone', async () => {
    const { credential } = await issue();
    const r = await post(world.gateways[0].url, { query: '{ me { id } }' }, { authorization: `Bearer ${credential}` });
    expect(r.status).toBe(401);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('the CLI issues one as an admin; with EGOV_CREDENTIAL alone it manages that subgraph and no other', async () => {
    const issued = await cli({ EGOV_TOKEN: admin }, 'credential', '--name', 'transport');
    expect(issued.code, issued.stderr).toBe(0);
    const credential = issued.stdout.trim();
    expect(credential).toMatch(CREDENTIAL);
    expect(issued.stderr).toMatch(/shown only now/);

    const own = await cli({ EGOV_CREDENTIAL: credential }, 'history', '--name', 'transport');
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).toMatch(/transport \(current: v1\)/);
    const other = await cli({ EGOV_CREDENTIAL: credential }, 'history', '--name', 'identity');
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/FORBIDDEN: This credential manages transport only/);
  });
});
