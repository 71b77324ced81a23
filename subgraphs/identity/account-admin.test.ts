import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { departmentId } from '../kit/demo';
import { codes, gql, newCitizen, operation, tokenFor } from '../../test/graph';

/**
 * Admins make and change staff accounts through the graph, every act audited; everyone changes
 * their own password and may sign out everywhere. Through the suite's gateway, as clients do.
 */
const email = (label: string) => `${label}.${randomUUID().slice(0, 8)}@staff.example.gov`;
const STAFF_PASSWORD = 'a-staff-password-1';
const login = (e: string, password = STAFF_PASSWORD) => gql(operation('web/Login'), { email: e, password });

describe('account administration', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await tokenFor('admin@demo.gov');
  });
  const create = (input: Record<string, unknown>, token = admin) =>
    gql(operation('analyst/CreateStaffAccount'), { input: { password: STAFF_PASSWORD, displayName: 'New Staff', ...input } }, { token });

  it('creates an officer for a department, who signs in and reads that department queue', async () => {
    const e = email('officer');
    const r = await create({ email: e, role: 'OFFICER', departmentId: departmentId('TAX') });
    expect(r.data.createStaffAccount).toMatchObject({ userErrors: [], user: { email: e, roles: ['OFFICER'], active: true, department: { code: 'TAX' } } });
    const signedIn = await login(e);
    expect(signedIn.data.login.user).toMatchObject({ roles: ['OFFICER'], department: { name: expect.any(String) } });
    const queue = await gql(operation('officer/ApplicationQueue'), { first: 1 }, { token: signedIn.data.login.token });
    expect(codes(queue)).toEqual([]);
  });

  it('refuses accounts that would not work, with userErrors, and everyone but admins', async () => {
    const noDepartment = await create({ email: email('editor'), role: 'EDITOR' });
    expect(noDepartment.data.createStaffAccount.userErrors.map((e: any) => [e.field, e.code])).toEqual([['input.departmentId', 'DEPARTMENT_REQUIRED']]);
    const citizenRole = await create({ email: email('citizen'), role: 'CITIZEN' });
    expect(citizenRole.data.createStaffAccount.userErrors.map((e: any) => e.code)).toEqual(['INVALID_ROLE']);
    const unknown = await create({ email: email('x'), role: 'OFFICER', departmentId: randomUUID() });
    expect(unknown.data.createStaffAccount.userErrors.map((e: any) => e.code)).toEqual(['UNKNOWN_DEPARTMENT']);
    const taken = await create({ email: 'officer.tax@demo.gov', role: 'ANALYST' });
    expect(taken.data.createStaffAccount.userErrors.map((e: any) => e.code)).toEqual(['EMAIL_TAKEN']);
    expect(codes(await create({ email: email('y'), role: 'ADMIN' }, await tokenFor('officer.tax@demo.gov')))).toEqual(['FORBIDDEN']);
    expect(codes(await create({ email: email('z'), role: 'ADMIN' }, ''))).toEqual(['UNAUTHENTICATED']);
  });

  it('changes role and department, deactivates and reactivates, each act in the audit log', async () => {
    const e = email('moved');
    const { user } = (await create({ email: e, role: 'OFFICER', departmentId: departmentId('TAX') })).data.createStaffAccount;
    const moved = await gql(operation('analyst/ChangeStaffAccount'), { input: { userId: user.id, role: 'EDITOR', departmentId: departmentId('BIZ') } }, { token: admin });
    expect(moved.data.changeStaffAccount).toMatchObject({ userErrors: [], user: { roles: ['EDITOR'], department: { code: 'BIZ' } } });
    const demoted = await gql(operation('analyst/ChangeStaffAccount'), { input: { userId: user.id, role: 'CITIZEN' } }, { token: admin });
    expect(demoted.data.changeStaffAccount.user).toMatchObject({ roles: ['CITIZEN'], department: null });

    const off = await gql(operation('analyst/DeactivateAccount'), { userId: user.id }, { token: admin });
    expect(off.data.deactivateAccount.user).toMatchObject({ active: false });
    expect((await login(e)).data.login.userErrors.map((x: any) => x.code)).toEqual(['ACCOUNT_DEACTIVATED']);
    const on = await gql(operation('analyst/ReactivateAccount'), { userId: user.id }, { token: admin });
    expect(on.data.reactivateAccount.user).toMatchObject({ active: true });
    expect((await login(e)).data.login.token).toMatch(/^ey/);

    const log = await gql('query($t: String) { auditLog(filter: { target: $t }, first: 10) { edges { node { action outcome actorRoles subgraph } } } }', { t: user.id }, { token: admin });
    expect(log.data.auditLog.edges.map((x: any) => x.node.action).reverse()).toEqual([
      'createStaffAccount', 'changeStaffAccount', 'changeStaffAccount', 'deactivateAccount', 'reactivateAccount',
    ]);
    expect(new Set(log.data.auditLog.edges.map((x: any) => `${x.node.outcome} ${x.node.actorRoles} ${x.node.subgraph}`))).toEqual(new Set(['OK ADMIN identity']));
  });

  it('never lets an admin change their own account, and answers an unknown one NOT_FOUND', async () => {
    const me = await gql(operation('web/Me'), {}, { token: admin });
    expect(codes(await gql(operation('analyst/DeactivateAccount'), { userId: me.data.me.id }, { token: admin }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(operation('analyst/DeactivateAccount'), { userId: randomUUID() }, { token: admin }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(operation('analyst/ChangeStaffAccount'), { input: { userId: 'not-an-id', role: 'ADMIN' } }, { token: admin }))).toEqual(['NOT_FOUND']);
  });
});

describe('own account', () => {
  it('changes the password with the current one, and the new one signs in', async () => {
    const citizen = await newCitizen('newpass');
    const change = (input: object) => gql(operation('web/ChangePassword'), { input }, { token: citizen.token });
    expect((await change({ currentPassword: 'a-long-password-1', newPassword: 'short' })).data.changePassword.userErrors.map((e: any) => e.code)).toEqual(['WEAK_PASSWORD']);
    expect((await change({ currentPassword: 'not-the-password', newPassword: 'a-new-long-password' })).data.changePassword.userErrors.map((e: any) => [e.field, e.code])).toEqual([['input.currentPassword', 'WRONG_PASSWORD']]);
    const ok = await change({ currentPassword: 'a-long-password-1', newPassword: 'a-new-long-password' });
    expect(ok.data.changePassword).toMatchObject({ userErrors: [], token: expect.stringMatching(/^ey/) });
    expect((await login(citizen.email, 'a-long-password-1')).data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    expect((await login(citizen.email, 'a-new-long-password')).data.login.token).toMatch(/^ey/);
    expect(codes(await gql(operation('web/Me'), {}, { token: ok.data.changePassword.token }))).toEqual([]);
  });

  it('signs out everywhere, and refuses both to the anonymous', async () => {
    const citizen = await newCitizen('everywhere');
    expect((await gql(operation('web/SignOutEverywhere'), {}, { token: citizen.token })).data).toEqual({ signOutEverywhere: true });
    expect(codes(await gql(operation('web/SignOutEverywhere')))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(operation('web/ChangePassword'), { input: { currentPassword: 'x', newPassword: 'y' } }))).toEqual(['UNAUTHENTICATED']);
  });
});
