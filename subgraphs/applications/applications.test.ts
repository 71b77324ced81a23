import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, extendByPause } from '../kit/workdays';
import { codes, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { act, LICENCE, OFFLINE, submit, validForm } from './test-support';

const detail = (id: string, token: string) => gql(operation('web/ApplicationDetail'), { id }, { token });
const mine = (token: string) => gql(operation('web/MyApplications'), { first: 50 }, { token });

describe('submitting applications', () => {
  it('submits with SubmitApplication as written, due in the procedure’s working days, tracked per department and year', async () => {
    const citizen = await newCitizen('apply');
    const { application, userErrors } = await submit(citizen.token);
    expect(userErrors).toEqual([]);
    expect(application).toMatchObject({ status: 'SUBMITTED', version: 1, procedure: { id: LICENCE.id, title: LICENCE.title } });
    expect(application.trackingNumber).toMatch(new RegExp(`^BIZ-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(application.dueAt).toBe(addWorkingDays(new Date(application.submittedAt), LICENCE.processingTimeDays).toISOString());

    const other = await submit(citizen.token);
    expect(other.application.trackingNumber).not.toBe(application.trackingNumber);

    const list = await mine(citizen.token);
    expect(list.errors).toBeUndefined();
    expect(list.data.me.applications.totalCount).toBe(2);
    // Newest first.
    expect(list.data.me.applications.edges.map((e: any) => e.node.id)).toEqual([other.application.id, application.id]);
    const page1 = await gql(operation('web/MyApplications'), { first: 1 }, { token: citizen.token });
    expect(page1.data.me.applications.pageInfo.hasNextPage).toBe(true);
    const page2 = await gql(operation('web/MyApplications'), { first: 1, after: page1.data.me.applications.pageInfo.endCursor }, { token: citizen.token });
    expect(page2.data.me.applications.edges.map((e: any) => e.node.id)).toEqual([application.id]);
    expect(page2.data.me.applications.pageInfo.hasNextPage).toBe(false);
    expect(list.data.me.applications.edges[0].node).toMatchObject({ overdue: false, procedure: { title: LICENCE.title, department: { name: expect.any(String) } } });
  });

  it('returns one application for ten concurrent submissions with one idempotency key', async () => {
    const citizen = await newCitizen('idem');
    const idempotencyKey = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(citizen.token, { idempotencyKey })));
    const ids = new Set(results.map((r) => r.application?.id));
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    expect(ids.size).toBe(1);
    expect((await mine(citizen.token)).data.me.applications.totalCount).toBe(1);
    // A later retry too.
    expect((await submit(citizen.token, { idempotencyKey })).application.id).toBe([...ids][0]);
  });

  it('answers every form problem as a userError on its path, storing nothing', async () => {
    const citizen = await newCitizen('invalid');
    const formData: any = validForm();
    delete formData.businessName;
    delete formData.applicant.birthDate;
    formData.applicant.email = 'not-an-email';
    formData.legalForm = 'pirate ship';
    formData.premises.city = '';
    formData.employees = -3;
    formData.surprise = true;
    const { application, userErrors } = await submit(citizen.token, { formData });
    expect(application).toBeNull();
    expect(userErrors.map((e) => [e.field, e.code]).sort()).toEqual(
      [
        ['formData.businessName', 'REQUIRED'],
        ['formData.applicant.birthDate', 'REQUIRED'],
        ['formData.applicant.email', 'INVALID_FORMAT'],
        ['formData.legalForm', 'INVALID_VALUE'],
        ['formData.premises.city', 'INVALID_VALUE'],
        ['formData.employees', 'INVALID_VALUE'],
        ['formData.surprise', 'UNKNOWN_FIELD'],
      ].sort(),
    );
    for (const e of userErrors) expect(e.message.length).toBeGreaterThan(5);
    expect((await mine(citizen.token)).data.me.applications.totalCount).toBe(0);
  });

  it('refuses unknown and offline procedures as userErrors', async () => {
    const citizen = await newCitizen('unknown');
    const unknown = await submit(citizen.token, { procedureId: randomUUID() });
    expect(unknown.userErrors).toEqual([{ field: 'input.procedureId', code: 'UNKNOWN_PROCEDURE', message: expect.any(String) }]);
    const garbage = await submit(citizen.token, { procedureId: 'nope' });
    expect(garbage.userErrors[0].code).toBe('UNKNOWN_PROCEDURE');
    const offline = await submit(citizen.token, { procedureId: OFFLINE.id });
    expect(offline.userErrors).toEqual([{ field: 'input.procedureId', code: 'NOT_ONLINE', message: expect.any(String) }]);
    expect((await mine(citizen.token)).data.me.applications.totalCount).toBe(0);
  });

  it('refuses anonymous and staff submissions', async () => {
    const anonymous = await gql(operation('web/SubmitApplication'), { input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey: 'x' } });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const officer = await gql(
      operation('web/SubmitApplication'),
      { input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey: 'x' } },
      { token: await tokenFor('officer.biz@demo.gov') },
    );
    expect(codes(officer)).toEqual(['FORBIDDEN']);
  });
});

describe('handling applications', () => {
  it('lives a full life: submit → supplement requested → supplemented → accepted → approved → completed', async () => {
    const citizen = await newCitizen('life');
    const officer = await tokenFor('officer.biz@demo.gov');
    const { application } = await submit(citizen.token);
    const originalDue = new Date(application.dueAt);

    const asked = await act(officer, application.id, 'REQUEST_SUPPLEMENT', 1, 'Please attach the lease.');
    expect(asked.userErrors).toEqual([]);
    expect(asked.application).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', version: 2, decidedAt: null });

    // Let measurable working time pass while the citizen prepares the supplement.
    await new Promise((r) => setTimeout(r, 120));
    const formData = { ...validForm(2), businessName: 'Corrected Name Ltd' };
    const supplemented = await gql(operation('web/SupplementApplication'), { input: { id: application.id, formData, expectedVersion: 2 } }, { token: citizen.token });
    expect(supplemented.data.supplementApplication).toEqual({ application: { id: application.id, status: 'SUBMITTED', version: 3 }, userErrors: [] });

    expect((await act(officer, application.id, 'ACCEPT', 3)).application.status).toBe('ACCEPTED');
    const approved = await act(officer, application.id, 'APPROVE', 4, 'All conditions met.');
    expect(approved.application.decidedAt).not.toBeNull();
    const done = await act(officer, application.id, 'COMPLETE', 5);
    expect(done.application).toMatchObject({ status: 'COMPLETED', version: 6, decidedAt: approved.application.decidedAt });

    const r = await detail(application.id, citizen.token);
    expect(r.errors).toBeUndefined();
    const a = r.data.application;
    expect(a).toMatchObject({
      status: 'COMPLETED',
      formData,
      overdue: false,
      applicant: { id: citizen.id, displayName: 'Test life' },
      procedure: { id: LICENCE.id, code: 'BIZ-LICENCE', department: { name: 'Department of Commerce and Business Registration' } },
    });
    expect(a.history.map((h: any) => [h.fromStatus, h.toStatus, h.actor.displayName])).toEqual([
      [null, 'SUBMITTED', 'Test life'],
      ['SUBMITTED', 'SUPPLEMENT_REQUESTED', expect.stringContaining('Officer')],
      ['SUPPLEMENT_REQUESTED', 'SUBMITTED', 'Test life'],
      ['SUBMITTED', 'ACCEPTED', expect.stringContaining('Officer')],
      ['ACCEPTED', 'APPROVED', expect.stringContaining('Officer')],
      ['APPROVED', 'COMPLETED', expect.stringContaining('Officer')],
    ]);
    expect(a.history[1].comment).toBe('Please attach the lease.');
    expect(a.decidedAt).toBe(a.history[4].at);
    // The supplement wait does not count: dueAt moved by exactly the working time it took.
    const pauseStart = new Date(a.history[1].at);
    const pauseEnd = new Date(a.history[2].at);
    expect(a.dueAt).toBe(extendByPause(originalDue, pauseStart, pauseEnd).toISOString());
    if (![0, 6].includes(pauseStart.getUTCDay())) {
      expect(new Date(a.dueAt).getTime() - originalDue.getTime()).toBeGreaterThanOrEqual(pauseEnd.getTime() - pauseStart.getTime());
    }
  });

  it('lets exactly one of two officers win a race on the same version; the other gets VERSION_CONFLICT', async () => {
    const citizen = await newCitizen('race');
    const { application } = await submit(citizen.token);
    const [a, b] = await Promise.all([
      act(await tokenFor('officer.biz@demo.gov'), application.id, 'ACCEPT', 1),
      act(await tokenFor('admin@demo.gov'), application.id, 'REQUEST_SUPPLEMENT', 1, 'More please.'),
    ]);
    const outcomes = [a, b].map((r) => r.userErrors.map((e) => e.code).join() || 'OK').sort();
    expect(outcomes).toEqual(['OK', 'VERSION_CONFLICT']);
    const r = await detail(application.id, citizen.token);
    expect(r.data.application.version).toBe(2);
    expect(r.data.application.history).toHaveLength(2);
  });

  it('refuses a transition not allowed from the state, and a stale version, changing nothing', async () => {
    const citizen = await newCitizen('invalid-transition');
    const officer = await tokenFor('officer.biz@demo.gov');
    const { application } = await submit(citizen.token);
    const approve = await act(officer, application.id, 'APPROVE', 1);
    expect(approve.userErrors).toEqual([{ field: 'input.action', code: 'INVALID_TRANSITION', message: expect.any(String) }]);
    expect(approve.application).toMatchObject({ status: 'SUBMITTED', version: 1 });
    const stale = await act(officer, application.id, 'ACCEPT', 7);
    expect(stale.userErrors.map((e) => e.code)).toEqual(['VERSION_CONFLICT']);
    expect((await detail(application.id, citizen.token)).data.application).toMatchObject({ status: 'SUBMITTED', version: 1 });
    // The applicant may read but not decide; an analyst may read but not decide.
    const self = await gql(operation('officer/TransitionApplication'), { input: { id: application.id, action: 'ACCEPT', expectedVersion: 1 } }, { token: citizen.token });
    expect(codes(self)).toEqual(['FORBIDDEN']);
    const analyst = await gql(operation('officer/TransitionApplication'), { input: { id: application.id, action: 'ACCEPT', expectedVersion: 1 } }, { token: await tokenFor('analyst@demo.gov') });
    expect(codes(analyst)).toEqual(['FORBIDDEN']);
  });

  it('lets the applicant withdraw what is not decided, once', async () => {
    const citizen = await newCitizen('withdraw');
    const { application } = await submit(citizen.token);
    const w = (expectedVersion: number) => gql(operation('web/WithdrawApplication'), { id: application.id, expectedVersion }, { token: citizen.token });
    expect((await w(5)).data.withdrawApplication.userErrors.map((e: any) => e.code)).toEqual(['VERSION_CONFLICT']);
    expect((await w(1)).data.withdrawApplication).toEqual({ application: { id: application.id, status: 'WITHDRAWN', version: 2 }, userErrors: [] });
    expect((await w(2)).data.withdrawApplication.userErrors.map((e: any) => e.code)).toEqual(['INVALID_TRANSITION']);
    const officer = await tokenFor('officer.biz@demo.gov');
    expect((await act(officer, application.id, 'ACCEPT', 2)).userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
  });

  it('checks a supplement against the form version first used, storing nothing when it is invalid', async () => {
    const citizen = await newCitizen('bad-supplement');
    const { application } = await submit(citizen.token);
    await act(await tokenFor('officer.biz@demo.gov'), application.id, 'REQUEST_SUPPLEMENT', 1, 'Fix the dates.');
    const formData: any = validForm();
    formData.startDate = 'next tuesday';
    const r = await gql(operation('web/SupplementApplication'), { input: { id: application.id, formData, expectedVersion: 2 } }, { token: citizen.token });
    expect(r.data.supplementApplication.userErrors).toEqual([{ field: 'formData.startDate', code: 'INVALID_FORMAT', message: expect.any(String) }]);
    expect((await detail(application.id, citizen.token)).data.application).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', version: 2 });
  });
});

describe('who sees what', () => {
  it('answers another citizen and another department’s officer exactly as for an id that does not exist', async () => {
    const owner = await newCitizen('owner');
    const stranger = await newCitizen('stranger');
    const { application } = await submit(owner.token);
    const shape = (r: any) => ({ data: r.data, errors: r.errors?.map((e: any) => ({ message: e.message, code: e.extensions?.code, path: e.path })) });

    const missing = shape(await detail(randomUUID(), stranger.token));
    expect(missing.errors).toEqual([{ message: 'Application not found.', code: 'NOT_FOUND', path: ['application'] }]);
    expect(shape(await detail(application.id, stranger.token))).toEqual(missing);
    expect(shape(await detail(application.id, await tokenFor('officer.tax@demo.gov')))).toEqual(missing);
    expect(shape(await detail('not-a-uuid', stranger.token))).toEqual(missing);
    // Nor can they act on it.
    const w = await gql(operation('web/WithdrawApplication'), { id: application.id, expectedVersion: 1 }, { token: stranger.token });
    expect(codes(w)).toEqual(['NOT_FOUND']);
    const t = await act(await tokenFor('officer.tax@demo.gov'), application.id, 'ACCEPT', 1).catch((e) => JSON.parse(e.message));
    expect(t[0].extensions.code).toBe('NOT_FOUND');

    for (const who of ['officer.biz@demo.gov', 'analyst@demo.gov', 'admin@demo.gov']) {
      const r = await detail(application.id, await tokenFor(who));
      expect(r.errors).toBeUndefined();
      expect(r.data.application.applicant.id).toBe(owner.id);
    }
    expect(codes(await detail(application.id, ''))).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps a person’s list of applications to themself', async () => {
    const owner = await newCitizen('private');
    const { application } = await submit(owner.token);
    const q = `query($id: ID!) { application(id: $id) { applicant { applications { totalCount } } } }`;
    expect(codes(await gql(q, { id: application.id }, { token: await tokenFor('officer.biz@demo.gov') }))).toEqual(['FORBIDDEN']);
    const own = await gql(q, { id: application.id }, { token: owner.token });
    expect(own.data.application.applicant.applications.totalCount).toBe(1);
  });
});
