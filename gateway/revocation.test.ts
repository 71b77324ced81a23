import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LICENCE, validForm } from '../subgraphs/applications/test-support';
import { departmentId } from '../subgraphs/kit/demo';
import { post, startTestGateway } from '../test/gateway';
import { eventually, gql, newCitizen, operation, tokenFor } from '../test/graph';

type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/**
 * Revocation on every replica: two gateways of their own, each trusting what identity said of a
 * user's sessions for one second (SESSION_CHECK_SECONDS=1; 30 by default, at most 60), both refuse
 * a token once its account is demoted, deactivated, signed out everywhere or given a new password.
 */
describe('revoked sessions on two gateways', () => {
  const gateways: TestGateway[] = [];
  let admin: string;
  beforeAll(async () => {
    gateways.push(...(await Promise.all([1, 2].map(() => startTestGateway({ env: { SESSION_CHECK_SECONDS: '1' } })))));
    admin = await tokenFor('admin@demo.gov');
  });
  afterAll(() => Promise.all(gateways.map((g) => g.stop())));

  const onBoth = (query: string, variables: object, token: string) =>
    Promise.all(gateways.map((g) => post(g.url, { query, variables }, { authorization: `Bearer ${token}` })));
  const statuses = (answers: { status: number; body: any }[]) =>
    answers.map((a) => `${a.status} ${a.body.errors?.[0]?.extensions?.code ?? 'ok'}`);
  const refusedOnBoth = async (query: string, variables: object, token: string) =>
    eventually(async () => expect(statuses(await onBoth(query, variables, token))).toEqual(['401 UNAUTHENTICATED', '401 UNAUTHENTICATED']));

  it('refuses the queue to a demoted officer on both gateways', async () => {
    const e = `demoted.${randomUUID().slice(0, 8)}@staff.example.gov`;
    const created = await gql(operation('analyst/CreateStaffAccount'), { input: { email: e, password: 'a-staff-password-1', displayName: 'Soon Demoted', role: 'OFFICER', departmentId: departmentId('TAX') } }, { token: admin });
    const token = (await gql(operation('web/Login'), { email: e, password: 'a-staff-password-1' })).data.login.token;
    const queue = operation('officer/ApplicationQueue');
    expect(statuses(await onBoth(queue, { first: 1 }, token))).toEqual(['200 ok', '200 ok']);
    await gql(operation('analyst/ChangeStaffAccount'), { input: { userId: created.data.createStaffAccount.user.id, role: 'CITIZEN' } }, { token: admin });
    await refusedOnBoth(queue, { first: 1 }, token);
  });

  it('refuses a deactivated citizen submitting on both gateways', async () => {
    const citizen = await newCitizen('deactivated');
    const submit = operation('web/SubmitApplication');
    const input = () => ({ input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey: randomUUID() } });
    expect(statuses(await onBoth(submit, input(), citizen.token))).toEqual(['200 ok', '200 ok']);
    await gql(operation('analyst/DeactivateAccount'), { userId: citizen.id }, { token: admin });
    await refusedOnBoth(submit, input(), citizen.token);
  });

  it('ends every session on sign-out everywhere and on a new password, but the new token holds', async () => {
    const me = operation('web/Me');
    const first = await newCitizen('signout');
    expect(statuses(await onBoth(me, {}, first.token))).toEqual(['200 ok', '200 ok']);
    await gql(operation('web/SignOutEverywhere'), {}, { token: first.token });
    await refusedOnBoth(me, {}, first.token);

    const second = await newCitizen('newpassword');
    expect(statuses(await onBoth(me, {}, second.token))).toEqual(['200 ok', '200 ok']);
    const changed = await gql(operation('web/ChangePassword'), { input: { currentPassword: 'a-long-password-1', newPassword: 'another-long-password' } }, { token: second.token });
    await refusedOnBoth(me, {}, second.token);
    expect(statuses(await onBoth(me, {}, changed.data.changePassword.token))).toEqual(['200 ok', '200 ok']);
  });
});
