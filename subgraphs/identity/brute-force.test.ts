import { randomUUID } from 'node:crypto';
import { parseOptions } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { post, startTestGateway, UNLIMITED_RATES } from '../../test/gateway';
import { operation } from '../../test/graph';
import { startOwnIdentity } from '../../test/own-identity';
import { SubgraphProxy } from '../../test/proxy';

type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/**
 * Guessing passwords, as an attacker would: failures are counted atomically per account and per
 * address, each further check waits longer (never a hard lock, so the owner still gets in), and
 * the hashing work one process does at once is bounded. Every case comes from an address of its
 * own (a gateway trusting one proxy hop), so the cases do not share the per-address count.
 */
const REGISTER = operation('web/Register');
/** The clients' Login, asking also when to retry. */
const LOGIN = operation('web/Login').replace('userErrors { field message code }', 'userErrors { field message code }\n    retryAfterSeconds');
const PASSWORD = 'the-right-password-1';
let nextAddress = 1;
const newAddress = () => `10.77.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
const uniqueEmail = (label: string) => `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;

const sleepSeconds = (s: number) => new Promise((resolve) => setTimeout(resolve, s * 1000));

describe('sign-in under attack', () => {
  let gw: TestGateway;
  const login = async (email: string, password: string, address: string) =>
    post(gw.url, { query: LOGIN, variables: { email, password } }, { 'x-forwarded-for': address });
  const register = async (address: string) => {
    const email = uniqueEmail('guessed');
    const r = await post(gw.url, { query: REGISTER, variables: { input: { email, password: PASSWORD, displayName: 'Target' } } }, { 'x-forwarded-for': address });
    expect(r.body.data.register.userErrors).toEqual([]);
    return email;
  };
  const retryAfter = (r: { body: any }) => r.body.data.login.retryAfterSeconds as number;
  const codeOf = (r: { body: any }) => r.body.data?.login?.userErrors?.[0]?.code ?? r.body.errors?.[0]?.extensions?.code ?? 'OK';

  beforeAll(async () => {
    gw = await startTestGateway({ env: { TRUST_PROXY: '1', ...UNLIMITED_RATES } });
  });
  afterAll(() => gw.stop());

  it('checks only five of twenty concurrent wrong passwords; the rest are told when to retry', async () => {
    const address = newAddress();
    const email = await register(address);
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, `wrong-password-${i}`, address)));
    // Each check after the fifth waits 1 s, then 2 s, 4 s…: on a machine slow enough that the burst
    // outlasts a wait, one more is rightly checked when it ends. None does within the first second.
    const waitsPassed = Math.floor(Math.log2((Date.now() - started) / 1000 + 1));
    const counted = answers.map(codeOf);
    const checked = counted.filter((c) => c === 'INVALID_CREDENTIALS').length;
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(5 + waitsPassed);
    expect(counted.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(20 - checked);
    for (const r of answers.filter((a) => codeOf(a) === 'TOO_MANY_ATTEMPTS')) {
      expect(r.status).toBe(200);
      expect(retryAfter(r)).toBeGreaterThanOrEqual(1);
      expect(retryAfter(r)).toBeLessThanOrEqual(2 ** waitsPassed);
      expect(r.body.data.login.userErrors[0].message).toMatch(new RegExp(`Try again in ${retryAfter(r)} seconds?\\.`));
    }
  });

  it('delays each further check longer instead of locking, and the right password signs in after the stated wait', async () => {
    const address = newAddress();
    const email = await register(address);
    for (let i = 0; i < 5; i++) expect(codeOf(await login(email, `wrong-password-${i}`, address))).toBe('INVALID_CREDENTIALS');
    const first = await login(email, PASSWORD, address);
    expect([codeOf(first), retryAfter(first)]).toEqual(['TOO_MANY_ATTEMPTS', 1]);
    await sleepSeconds(retryAfter(first));
    expect(codeOf(await login(email, 'wrong-password-5', address))).toBe('INVALID_CREDENTIALS');
    // The sixth failure doubles the delay.
    const second = await login(email, PASSWORD, address);
    expect([codeOf(second), retryAfter(second)]).toEqual(['TOO_MANY_ATTEMPTS', 2]);
    await sleepSeconds(retryAfter(second));
    const owner = await login(email, PASSWORD, address);
    expect(owner.body.data.login.userErrors).toEqual([]);
    expect(owner.body.data.login.token).toMatch(/^ey/);
    // Signing in forgives the account's failures: the next mistake is checked, not delayed.
    expect(codeOf(await login(email, 'wrong-password-6', address))).toBe('INVALID_CREDENTIALS');
  });

  it('lets ten concurrent correct sign-ins of one account from one address all through', async () => {
    const address = newAddress();
    const email = await register(address);
    const answers = await Promise.all(Array.from({ length: 10 }, () => login(email, PASSWORD, address)));
    expect(answers.map(codeOf)).toEqual(Array(10).fill('OK'));
  });

  it('delays an address after fifty failures across accounts, and only that address', async () => {
    const address = newAddress();
    const victim = await register(newAddress());
    // Ten accounts, five guesses each: no account is delayed, the address reaches its allowance.
    for (let account = 0; account < 10; account++) {
      const email = uniqueEmail('sprayed');
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => login(email, `wrong-password-${i}`, address)));
      expect(answers.map(codeOf)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    }
    const fromThere = await login(victim, PASSWORD, address);
    expect(codeOf(fromThere)).toBe('TOO_MANY_ATTEMPTS');
    expect(retryAfter(fromThere)).toBeLessThanOrEqual(60);
    const elsewhere = await login(victim, PASSWORD, newAddress());
    expect(elsewhere.body.data.login.token).toMatch(/^ey/);
  });
});

describe('password hashing bounded per process', () => {
  let gw: TestGateway;
  let edge: TestGateway;
  let paced: TestGateway;
  let slowIdentity: SubgraphProxy;
  let identity: Awaited<ReturnType<typeof startOwnIdentity>>;
  beforeAll(async () => {
    // One hash at a time, four waiting: a burst of sixty sign-ins finds the queue full.
    identity = await startOwnIdentity({ passwordHashConcurrency: 1 });
    gw = await startTestGateway({
      // The queue's last sign-in waits four hashes, long on a busy machine: not the timeout under test.
      // No bound at this gateway (PASSWORD_WORK_IN_FLIGHT 0): identity's own is under test.
      env: { TRUST_PROXY: '1', RATE_LIMIT_IP_PER_MINUTE: '1000000', SUBGRAPH_TIMEOUT_MS: '60000', PASSWORD_WORK_IN_FLIGHT: '0' },
      subgraphUrls: { ...inject('subgraphUrls'), identity: identity.url },
    });
    // The same identity behind a proxy that holds each call 2 s, and a gateway that lets 2 sign-ins through at once.
    slowIdentity = new SubgraphProxy(identity.url);
    slowIdentity.delayMs = 2000;
    await slowIdentity.start();
    edge = await startTestGateway({
      env: { TRUST_PROXY: '1', RATE_LIMIT_IP_PER_MINUTE: '1000000', SUBGRAPH_TIMEOUT_MS: '60000', PASSWORD_WORK_IN_FLIGHT: '2' },
      subgraphUrls: { ...inject('subgraphUrls'), identity: slowIdentity.url },
    });
    // And one that admits a sign-in a second, however many places are free.
    paced = await startTestGateway({
      env: { TRUST_PROXY: '1', RATE_LIMIT_IP_PER_MINUTE: '1000000', SUBGRAPH_TIMEOUT_MS: '60000', PASSWORD_WORK_IN_FLIGHT: '0', PASSWORD_WORK_PER_SECOND: '1' },
      subgraphUrls: { ...inject('subgraphUrls'), identity: identity.url },
    });
  });
  afterAll(async () => {
    await paced?.stop();
    await edge?.stop();
    await slowIdentity?.stop();
    await gw?.stop();
    await identity?.stop();
  });

  it('refuses sign-ins beyond PASSWORD_WORK_IN_FLIGHT at the gateway, before identity is called', async () => {
    // Identity alone would take five of these (one hashing, four waiting): the gateway lets two through.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(edge.url, { query: LOGIN, variables: { email: uniqueEmail(`edge${i}`), password: 'wrong-password' } }, { 'x-forwarded-for': newAddress() }),
      ),
    );
    const checked = answers.filter((a) => a.status === 200);
    expect(checked.map((r) => r.body.data.login.userErrors[0].code)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBe(10);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    }
  });

  it('refuses sign-ins beyond PASSWORD_WORK_PER_SECOND at the gateway, and admits the next one a second later', async () => {
    const signIn = () => post(paced.url, { query: LOGIN, variables: { email: uniqueEmail('paced'), password: 'wrong-password' } }, { 'x-forwarded-for': newAddress() });
    const answers = await Promise.all(Array.from({ length: 4 }, signIn));
    expect(answers.filter((a) => a.status === 200).map((r) => r.body.data.login.userErrors[0].code)).toEqual(['INVALID_CREDENTIALS']);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBe(3);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    }
    // Refusals take nothing from the rate: within the stated second one is checked again.
    // Timed to when the admitted sign-in was sent: its password hash, slow on a busy machine, is not the rate's.
    const started = Date.now();
    let sentAt = 0;
    await vi.waitFor(
      async () => {
        sentAt = Date.now();
        expect((await signIn()).status).toBe(200);
      },
      { timeout: 5000, interval: 100 },
    );
    expect(sentAt - started).toBeLessThan(2000);
  });

  it('answers a sign-in beyond the queue with 429, RATE_LIMITED and Retry-After, and checks the rest', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        post(gw.url, { query: LOGIN, variables: { email: uniqueEmail(`flood${i}`), password: 'wrong-password' } }, { 'x-forwarded-for': newAddress() }),
      ),
    );
    const refused = answers.filter((a) => a.status === 429);
    const checked = answers.filter((a) => a.status === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(checked.length).toBeGreaterThanOrEqual(5);
    expect(refused.length + checked.length).toBe(60);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('1');
      expect(r.body.errors.map((e: any) => [e.extensions.code, e.extensions.retryAfterSeconds])).toEqual([['RATE_LIMITED', 1]]);
    }
    for (const r of checked) expect(r.body.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('hashes a password made with four lanes (four threads a check) anew, with one, at its next sign-in', async () => {
    // As node-argon2 (the library before) stored PASSWORD with its defaults: 64 MiB, 3 passes, 4 lanes.
    const NODE_ARGON2_HASH = '$argon2id$v=19$m=65536,p=4,t=3$BEoHXMNorCUCwlpS2qtY7A$yW9WlnPjpa7GmkfOTnOAGZhbBOdYo7OR/MLHLaTaTT4';
    const email = uniqueEmail('old-hash');
    const id = randomUUID();
    await identity.db
      .insertInto('users')
      .values({ id, email, password_hash: NODE_ARGON2_HASH, display_name: 'Old Hash', roles: ['CITIZEN'] })
      .execute();
    const hashOf = async () => (await identity.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash as string;
    const r = await post(gw.url, { query: LOGIN, variables: { email, password: PASSWORD } }, { 'x-forwarded-for': newAddress() });
    expect(r.body.data.login.token).toMatch(/^ey/);
    expect(parseOptions(await hashOf())).toMatchObject({ algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const again = await post(gw.url, { query: LOGIN, variables: { email, password: PASSWORD } }, { 'x-forwarded-for': newAddress() });
    expect(again.body.data.login.token).toMatch(/^ey/);
  });
});
