import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { sampleFormData } from './sample-form-data';
import { ACTIONS, type Status } from './state-machine';
import { LICENCE, submit } from './test-support';

const caseFile = async (id: string, token: string) => {
  const r = await gql(operation('officer/CaseFile'), { id }, { token });
  return r.data?.application;
};
const transition = async (token: string, id: string, action: string, expectedVersion: number, comment?: string) =>
  (await gql(operation('officer/TransitionApplication'), { input: { id, action, expectedVersion, comment } }, { token })).data.transitionApplication;

/** The officer's path to each state, with a reason wherever one is needed. */
const PATHS: Record<Status, [string, string?][]> = {
  SUBMITTED: [],
  ACCEPTED: [['ACCEPT']],
  REJECTED: [['REJECT', 'Not a matter for this department.']],
  SUPPLEMENT_REQUESTED: [['REQUEST_SUPPLEMENT', 'Attach the lease.']],
  APPROVED: [['ACCEPT'], ['APPROVE']],
  DENIED: [['ACCEPT'], ['DENY', 'The premises are not zoned for trade.']],
  COMPLETED: [['ACCEPT'], ['APPROVE'], ['COMPLETE']],
  WITHDRAWN: [],
};

async function applicationIn(status: Status) {
  const citizen = await newCitizen('casefile');
  const officer = await tokenFor('officer.biz@demo.gov');
  const { application } = await submit(citizen.token);
  let version = 1;
  for (const [action, comment] of PATHS[status]) {
    const r = await transition(officer, application.id, action, version, comment);
    expect(r.userErrors).toEqual([]);
    version = r.application.version;
  }
  if (status === 'WITHDRAWN') {
    const r = await gql(operation('web/WithdrawApplication'), { id: application.id, expectedVersion: 1 }, { token: citizen.token });
    expect(r.data.withdrawApplication.userErrors).toEqual([]);
    version = r.data.withdrawApplication.application.version;
  }
  return { id: application.id as string, version, citizen, officer };
}

/** Does what an action names, as the client that offers it would. */
async function perform(app: Awaited<ReturnType<typeof applicationIn>>, action: string) {
  if (action === 'WITHDRAW') {
    return (await gql(operation('web/WithdrawApplication'), { id: app.id, expectedVersion: app.version }, { token: app.citizen.token })).data.withdrawApplication;
  }
  if (action === 'SUPPLEMENT') {
    const formData = sampleFormData(LICENCE.applicationForm as never, 2, { fullName: 'Case File', email: 'case@example.org' });
    return (await gql(operation('web/SupplementApplication'), { input: { id: app.id, formData, expectedVersion: app.version } }, { token: app.citizen.token })).data.supplementApplication;
  }
  return transition(app.officer, app.id, action, app.version, 'A reason, as the portal asks for one.');
}

describe('the officer’s case file', () => {
  it('labels the answers with the form’s titles, in the form’s order', async () => {
    const citizen = await newCitizen('labels');
    const formData = sampleFormData(LICENCE.applicationForm as never, 3, { fullName: 'Lab El', email: 'label@example.org' });
    const { application } = await submit(citizen.token, { formData });
    const file = await caseFile(application.id, await tokenFor('officer.biz@demo.gov'));
    const labels = file.answers.map((a: any) => a.label);
    // Required fields in the order of `required` (jsonb keeps no other), the optional ones after.
    const expected = [
      'Applicant › Full name', 'Applicant › Date of birth', 'Applicant › Email', 'Applicant › Phone',
      'Business name', 'Legal form', 'Main activity',
      'Business premises › Street and number', 'Business premises › Postal code', 'Business premises › City',
      'Planned start date', 'Does the business prepare or serve food?', 'Number of employees',
    ].filter((l) => labels.includes(l));
    expect(labels).toEqual(expected);
    expect(labels.length).toBeGreaterThanOrEqual(12);
    const byField = Object.fromEntries(file.answers.map((a: any) => [a.field, a.value]));
    expect(byField['applicant.fullName']).toBe('Lab El');
    expect(byField.servesFood).toBe((formData as any).servesFood ? 'Yes' : 'No');
    expect(byField['premises.city']).toBe((formData as any).premises.city);
    // The history says who, when and why.
    expect(file.history).toEqual([{ at: file.submittedAt, fromStatus: null, toStatus: 'SUBMITTED', comment: null, actor: { displayName: 'Test labels' } }]);
  });

  it('labels the answers in each reader’s language, whoever read the form first', async () => {
    const citizen = await newCitizen('labels-zh');
    const formData = sampleFormData(LICENCE.applicationForm as never, 4, { fullName: 'Li Ming', email: 'li@example.org' });
    const { application } = await submit(citizen.token, { formData });
    const officer = await tokenFor('officer.biz@demo.gov');
    const read = async (language: string) =>
      (await gql(operation('officer/CaseFile'), { id: application.id }, { token: officer, headers: { 'x-egov-language': language } })).data.application.answers.map((a: any) => a.label);
    const zh = await read('zh');
    const en = await read('en');
    expect(en).toContain('Applicant › Full name');
    expect(zh).not.toContain('Applicant › Full name');
    expect(zh.some((l: string) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
    expect(await read('zh')).toEqual(zh);
  });

  it('needs a reason to reject, deny or ask for a supplement, and changes nothing without one', async () => {
    for (const [status, action] of [['SUBMITTED', 'REJECT'], ['SUBMITTED', 'REQUEST_SUPPLEMENT'], ['ACCEPTED', 'DENY']] as const) {
      const app = await applicationIn(status);
      for (const comment of [undefined, '', '   ']) {
        const r = await transition(app.officer, app.id, action, app.version, comment);
        expect(r.userErrors).toEqual([{ field: 'input.comment', code: 'REASON_REQUIRED', message: expect.any(String) }]);
        expect(r.application).toMatchObject({ status, version: app.version });
      }
      expect((await transition(app.officer, app.id, action, app.version, 'Because.')).userErrors).toEqual([]);
    }
  });

  // Every state reached and every action tried: 18-25 s on a quiet 2-core machine, past 60 s beside heavy load.
  it('states what each caller may do: every action listed succeeds, every other is refused', { timeout: 180_000 }, async () => {
    const seen: Record<string, unknown> = {};
    for (const status of Object.keys(PATHS) as Status[]) {
      const app = await applicationIn(status);
      const officerActions = (await caseFile(app.id, app.officer)).availableActions;
      const applicantActions = (await caseFile(app.id, app.citizen.token)).availableActions;
      expect((await caseFile(app.id, await tokenFor('analyst@demo.gov'))).availableActions).toEqual([]);
      seen[status] = { officer: officerActions.map((a: any) => a.action), applicant: applicantActions.map((a: any) => a.action) };

      const listed = new Set([...officerActions, ...applicantActions].map((a: any) => a.action));
      for (const action of [...ACTIONS, 'SUPPLEMENT', 'WITHDRAW'].filter((a) => !listed.has(a))) {
        const r = await perform(app, action);
        expect({ status, action, codes: r.userErrors.map((e: any) => e.code) }).toEqual({ status, action, codes: ['INVALID_TRANSITION'] });
      }
      for (const { action, reasonRequired } of [...officerActions, ...applicantActions]) {
        const fresh = await applicationIn(status);
        const r = await perform(fresh, action);
        expect({ status, action, userErrors: r.userErrors }).toEqual({ status, action, userErrors: [] });
        expect(r.application.status).not.toBe(status);
        expect(reasonRequired).toBe(['REJECT', 'DENY', 'REQUEST_SUPPLEMENT'].includes(action));
      }
    }
    expect(seen).toEqual({
      SUBMITTED: { officer: ['ACCEPT', 'REJECT', 'REQUEST_SUPPLEMENT'], applicant: ['WITHDRAW'] },
      ACCEPTED: { officer: ['APPROVE', 'DENY'], applicant: ['WITHDRAW'] },
      REJECTED: { officer: [], applicant: [] },
      SUPPLEMENT_REQUESTED: { officer: [], applicant: ['SUPPLEMENT', 'WITHDRAW'] },
      APPROVED: { officer: ['COMPLETE'], applicant: [] },
      DENIED: { officer: [], applicant: [] },
      COMPLETED: { officer: [], applicant: [] },
      WITHDRAWN: { officer: [], applicant: [] },
    });
    // Final decisions say so, for the portal's confirmation.
    const app = await applicationIn('SUBMITTED');
    expect((await caseFile(app.id, app.officer)).availableActions).toEqual([
      { action: 'ACCEPT', reasonRequired: false, final: false },
      { action: 'REJECT', reasonRequired: true, final: true },
      { action: 'REQUEST_SUPPLEMENT', reasonRequired: true, final: false },
    ]);
  });
});

describe('the queue', () => {
  const queue = async (token: string, filter: Record<string, unknown>, first = 20, after?: string) =>
    (await gql(operation('officer/ApplicationQueue'), { filter, first, after }, { token })).data.applicationQueue;

  it('finds applications by tracking number and by applicant, with the other filters, a page at a time', async () => {
    const citizen = await newCitizen('queue-search');
    const name = `Quintessa ${randomUUID().slice(0, 8)}`;
    const email = `${randomUUID().slice(0, 8)}@queue.example.org`;
    const form = (n: number) => sampleFormData(LICENCE.applicationForm as never, n, { fullName: name, email });
    const a = (await submit(citizen.token, { formData: form(1) })).application;
    const b = (await submit(citizen.token, { formData: form(2) })).application;
    const officer = await tokenFor('officer.biz@demo.gov');
    const ids = (q: any) => q.edges.map((e: any) => e.node.id);

    expect(ids(await queue(officer, { search: a.trackingNumber.toLowerCase() }))).toEqual([a.id]);
    expect(ids(await queue(officer, { search: String(Number(b.trackingNumber.slice(-6))) }))).toContain(b.id);
    expect(ids(await queue(officer, { search: name.slice(2).toUpperCase() })).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await queue(officer, { search: email })).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await queue(officer, { applicantId: citizen.id })).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await queue(officer, { search: name, procedureId: LICENCE.id, statuses: ['SUBMITTED'], overdue: false })).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await queue(officer, { search: name, statuses: ['ACCEPTED'] }))).toEqual([]);
    // `%` and `_` are letters in a search, not patterns.
    expect(ids(await queue(officer, { search: '%' }))).toEqual([]);
    // Pages: keyset, the total counts every match.
    const page1 = await queue(officer, { search: name }, 1);
    expect(page1.totalCount).toBe(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = await queue(officer, { search: name }, 1, page1.pageInfo.endCursor);
    expect([...ids(page1), ...ids(page2)].sort()).toEqual([a.id, b.id].sort());
    expect(page2.pageInfo.hasNextPage).toBe(false);
    // Another department's officer finds nothing of it.
    expect(ids(await queue(await tokenFor('officer.tax@demo.gov'), { search: name }))).toEqual([]);
  });
});
