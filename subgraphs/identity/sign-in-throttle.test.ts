import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gql, newCitizen, operation } from '../../test/graph';
import { post, startTestGateway } from '../../test/gateway';
import type { RunningGateway } from '../../gateway/server';

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  gql(operation('web/Login'), { email, password }, { headers }).then((r) => r.data.login);
const RIGHT = 'a-long-password-1'; // newCitizen's

describe('sign-in under guessing: progressive delays, never a lock', () => {
  it('counts twenty concurrent wrong passwords exactly: five are checked, fifteen wait', async () => {
    const { email } = await newCitizen('race');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, `wrong-${i}-password`)));
    const outcome = results.map((r) => r.userErrors[0].code);
    expect(outcome.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(outcome.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
    for (const r of results) expect(r.token).toBeNull();
  });

  it('lets the right password in after the stated delay, and then starts the count over', async () => {
    const { email, id } = await newCitizen('delayed');
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong-${i}-password`)).userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const early = await login(email, RIGHT);
    expect(early.token).toBeNull();
    expect(early.userErrors[0]).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/Try again in 1 s\./) });

    const t0 = Date.now();
    const signedIn = await eventually(async () => {
      const r = await login(email, RIGHT);
      if (!r.token) throw new Error(`still refused: ${JSON.stringify(r.userErrors)}`);
      return r;
    }, 5_000);
    expect(signedIn.user.id).toBe(id);
    expect(Date.now() - t0).toBeLessThan(2_500);
    // A success forgets the account's failures: the next wrong password is checked at once.
    expect((await login(email, 'wrong-again-password')).userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('does not hold one account\'s failures against other accounts on the same address', async () => {
    const guessed = await newCitizen('guessed');
    for (let i = 0; i < 6; i++) await login(guessed.email, `wrong-${i}-password`);
    const other = await newCitizen('neighbour');
    expect((await login(other.email, RIGHT)).token).toMatch(/^ey/);
  });

  it('takes the address the gateway vouches for, not a header the client sends', async () => {
    const { email } = await newCitizen('spoofer');
    for (let i = 0; i < 5; i++) await login(email, `wrong-${i}-password`, { 'x-forwarded-for': `198.51.100.${i}` });
    const r = await login(email, 'wrong-5-password', { 'x-forwarded-for': '203.0.113.9' });
    expect(r.userErrors[0].code).toBe('TOO_MANY_ATTEMPTS');
  });

  describe('behind a trusted proxy, where addresses differ', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await startTestGateway({ env: { TRUST_PROXY: '1' } });
    });
    afterAll(() => gateway?.stop());
    const via = async (email: string, password: string, address: string) =>
      (await post(gateway.url, { query: operation('web/Login'), variables: { email, password } }, { 'x-forwarded-for': address })).body.data.login;

    it('delays one address guessing an account while the owner elsewhere signs in', async () => {
      const { email } = await newCitizen('owner');
      for (let i = 0; i < 6; i++) await via(email, `wrong-${i}-password`, '198.51.100.7');
      expect((await via(email, 'wrong-6-password', '198.51.100.7')).userErrors[0].code).toBe('TOO_MANY_ATTEMPTS');
      expect((await via(email, RIGHT, '192.0.2.44')).token).toMatch(/^ey/);
    });

    it('counts an account\'s failures from every address: past twenty, all wait', async () => {
      const { email } = await newCitizen('botnet');
      const checked = [];
      for (let i = 0; i < 21; i++) checked.push((await via(email, `wrong-${i}-password`, `198.51.100.${100 + i}`)).userErrors[0].code);
      expect(checked.slice(0, 20).every((c) => c === 'INVALID_CREDENTIALS')).toBe(true);
      expect(checked[20]).toBe('TOO_MANY_ATTEMPTS');
    });
  });
});
