import { describe, expect, it } from 'vitest';
import { codes, gql, newCitizen, operation, tokenFor } from '../../test/graph';

describe('identity through the gateway', () => {
  it('registers a citizen with the contract Register operation and signs in with Login', async () => {
    const email = `reg.${Date.now()}@example.org`;
    const reg = await gql(operation('web/Register'), { input: { email, password: 'correct-horse-battery', displayName: 'Ada Applicant' } });
    expect(reg.data.register.userErrors).toEqual([]);
    expect(reg.data.register.user).toMatchObject({ email, displayName: 'Ada Applicant', roles: ['CITIZEN'] });
    expect(reg.data.register.token).toMatch(/^ey/);

    const login = await gql(operation('web/Login'), { email: email.toUpperCase(), password: 'correct-horse-battery' });
    expect(login.data.login.userErrors).toEqual([]);
    expect(login.data.login.user).toMatchObject({ id: reg.data.register.user.id, roles: ['CITIZEN'], department: null });

    const me = await gql(operation('web/Me'), {}, { token: login.data.login.token });
    expect(me.data.me).toMatchObject({ id: reg.data.register.user.id, email, displayName: 'Ada Applicant', roles: ['CITIZEN'] });
  });

  it('returns the officer department through Me', async () => {
    const me = await gql(operation('web/Me'), {}, { token: await tokenFor('officer.tax@demo.gov') });
    expect(me.data.me).toMatchObject({ roles: ['OFFICER'], department: { code: 'TAX' } });
  });

  it('lists the seeded departments with contacts', async () => {
    const r = await gql('{ departments { code name contact { phone email address officeHours } } }');
    const codesSeen = r.data.departments.map((d: { code: string }) => d.code).sort();
    expect(codesSeen).toEqual(expect.arrayContaining(['BIZ', 'CIVIL', 'HOUSING', 'TAX', 'TRANSPORT']));
    for (const d of r.data.departments) expect(d.contact.email).toContain('@');
    const one = await gql('query($c: String) { department(code: $c) { code name } }', { c: 'tax' });
    expect(one.data.department.code).toBe('TAX');
  });

  it('refuses a duplicate email, a weak password and a malformed email with userErrors, storing nothing', async () => {
    const taken = await gql(operation('web/Register'), {
      input: { email: 'citizen@demo.gov', password: 'long-enough-password', displayName: 'Copycat' },
    });
    expect(taken.data.register).toMatchObject({ token: null, user: null });
    expect(taken.data.register.userErrors).toEqual([{ field: 'input.email', code: 'EMAIL_TAKEN', message: expect.any(String) }]);

    const email = `weak.${Date.now()}@example.org`;
    const bad = await gql(operation('web/Register'), { input: { email: 'not-an-email', password: 'short', displayName: 'X' } });
    expect(bad.data.register.userErrors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['input.email', 'INVALID_EMAIL'],
      ['input.password', 'WEAK_PASSWORD'],
    ]);
    const weak = await gql(operation('web/Register'), { input: { email, password: 'short', displayName: 'X' } });
    expect(weak.data.register.userErrors[0].code).toBe('WEAK_PASSWORD');
    // Nothing was stored: the address is still free.
    const later = await gql(operation('web/Register'), { input: { email, password: 'now-long-enough', displayName: 'X' } });
    expect(later.data.register.userErrors).toEqual([]);
  });

  it('answers a wrong password exactly like an unknown email', async () => {
    const { email } = await newCitizen('samesame');
    const wrong = await gql(operation('web/Login'), { email, password: 'not-the-password' });
    const unknown = await gql(operation('web/Login'), { email: `nobody.${Date.now()}@example.org`, password: 'not-the-password' });
    expect(wrong.data.login).toEqual(unknown.data.login);
    expect(wrong.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
  });

  it('delays the next check of an account after repeated failures, even with the right password, and says for how long', async () => {
    const { email } = await newCitizen('delayed');
    for (let i = 0; i < 5; i++) await gql(operation('web/Login'), { email, password: `wrong-${i}-password` });
    const r = await gql(operation('web/Login'), { email, password: 'a-long-password-1' });
    expect(r.data.login.token).toBeNull();
    expect(r.data.login.userErrors[0]).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: 'Too many failed sign-ins. Try again in 1 second.' });
  });

  it('refuses Me to an anonymous caller', async () => {
    const r = await gql(operation('web/Me'));
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.data?.me ?? null).toBeNull();
  });

  it('shows a user email to the user and to staff, never to the public or other citizens', async () => {
    const me = await gql(operation('web/Me'), {}, { token: await tokenFor('citizen@demo.gov') });
    expect(me.data.me.email).toBe('citizen@demo.gov');
    expect(codes(me)).toEqual([]);

    // A publication's author is a User anyone can reach through the graph.
    const q = '{ publications(first: 1) { edges { node { author { displayName email } } } } }';
    const author = (r: any) => r.data.publications.edges[0].node.author;
    expect(author(await gql(q)).email).toBeNull();
    expect(author(await gql(q, {}, { token: await tokenFor('citizen2@demo.gov') })).email).toBeNull();
    expect(author(await gql(q, {}, { token: await tokenFor('analyst@demo.gov') })).email).toMatch(/@demo\.gov$/);
  });
});
