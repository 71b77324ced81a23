import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { departmentId } from '../../subgraphs/kit/demo';
import { download, LICENCE, licenceDocuments, submit, validForm } from '../../subgraphs/applications/test-support';
import { gatewayUrl, gql, newCitizen, operation, tokenFor } from '../graph';

/**
 * Every contract operation under every role gets exactly what shared/contract/README.md allows:
 * `ok` (no error), or the refusal's code. Records that exist but are not the caller's answer
 * NOT_FOUND, exactly like missing ones.
 */
type Role = 'anonymous' | 'citizen' | 'otherCitizen' | 'officer' | 'otherOfficer' | 'editor' | 'analyst' | 'admin';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';
const ROLES: Role[] = ['anonymous', 'citizen', 'otherCitizen', 'officer', 'otherOfficer', 'editor', 'analyst', 'admin'];

const tokens = {} as Record<Role, string | undefined>;
let applicationId: string;
let documentId: string;
let feedbackId: string;
let publicationSlug: string;

const all = (o: Outcome) => Object.fromEntries(ROLES.map((r) => [r, o])) as Record<Role, Outcome>;
const signedIn = { ...all('ok'), anonymous: 'UNAUTHENTICATED' } as Record<Role, Outcome>;
const ownAct = { anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'NOT_FOUND', officer: 'FORBIDDEN', otherOfficer: 'NOT_FOUND', editor: 'NOT_FOUND', analyst: 'FORBIDDEN', admin: 'FORBIDDEN' } as Record<Role, Outcome>;
const documentReaders = { anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'NOT_FOUND', officer: 'ok', otherOfficer: 'NOT_FOUND', editor: 'NOT_FOUND', analyst: 'FORBIDDEN', admin: 'ok' } as Record<Role, Outcome>;
const citizenOnly = { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'ok', admin: 'ok' } as Record<Role, Outcome>;

interface Case {
  op: string;
  vars: (role: Role) => Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Record<Role, Outcome>;
  /** A token of its own per role, for an operation that ends the caller's sessions. */
  token?: (role: Role) => Promise<string | undefined>;
}

const adminOnly = { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', admin: 'ok' } as Record<Role, Outcome>;
/** A throwaway account, so what admins do to accounts touches no one else's. */
const throwaway = async (role = 'ANALYST', department: string | null = null) => {
  const email = `matrix.${randomUUID().slice(0, 8)}@staff.example.gov`;
  const r = await gql(
    operation('analyst/CreateStaffAccount'),
    { input: { email, password: 'a-matrix-password', displayName: 'Matrix', role, departmentId: department } },
    { token: await tokenFor('admin@demo.gov') },
  );
  return { id: r.data.createStaffAccount.user.id as string, email };
};
/** A fresh sign-in of each role (its own account), for operations that end sessions. */
const freshToken = async (role: Role): Promise<string | undefined> => {
  if (role === 'anonymous') return undefined;
  if (role === 'citizen' || role === 'otherCitizen') return (await newCitizen(`matrix-${role}`)).token;
  const [staffRole, department] = ({
    officer: ['OFFICER', departmentId('BIZ')], otherOfficer: ['OFFICER', departmentId('TAX')], editor: ['EDITOR', departmentId('BIZ')],
    analyst: ['ANALYST', null], admin: ['ADMIN', null],
  } as const)[role];
  const { email } = await throwaway(staffRole, department);
  return (await gql(operation('web/Login'), { email, password: 'a-matrix-password' })).data.login.token;
};

/** A fresh published item of BIZ, written by its editor. */
async function bizPublished(): Promise<string> {
  const token = await tokenFor('editor.biz@demo.gov');
  const draft = await gql(
    operation('officer/CreatePublication'),
    { input: { departmentId: departmentId('BIZ'), kind: 'NOTICE', title: `Matrix item ${randomUUID()}`, summary: 's', body: 'b', topics: [] } },
    { token },
  );
  const id = draft.data.createPublication.publication.id as string;
  await gql(operation('officer/PublishPublication'), { id }, { token });
  return id;
}
/** BIZ's staff (its editor and officer) and admins see its editorial work; everyone else is refused. */
const bizStaff = { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', officer: 'ok', editor: 'ok', admin: 'ok' } as Record<Role, Outcome>;
const bizEditors = { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', editor: 'ok', admin: 'ok' } as Record<Role, Outcome>;

const cases: Case[] = [
  { op: 'web/HomePage', vars: () => ({}), expect: all('ok') },
  { op: 'web/PublicationFeed', vars: () => ({ first: 5 }), expect: all('ok') },
  { op: 'web/PublicationPage', vars: () => ({ slug: publicationSlug }), expect: all('ok') },
  { op: 'web/PublicationStanding', vars: () => ({ slug: publicationSlug }), expect: all('ok') },
  { op: 'web/Search', vars: () => ({ text: 'licence' }), expect: all('ok') },
  { op: 'web/ProcedureCatalog', vars: () => ({ first: 5 }), expect: all('ok') },
  { op: 'web/ProcedureGuide', vars: () => ({ code: LICENCE.code }), expect: all('ok') },
  { op: 'web/PublicQuestions', vars: () => ({}), expect: all('ok') },
  { op: 'web/DepartmentPage', vars: () => ({ code: 'civil' }), expect: all('ok') },
  { op: 'web/Login', vars: () => ({ email: 'citizen@demo.gov', password: 'demo-password-2026' }), expect: all('ok') },
  {
    op: 'web/Register',
    vars: () => ({ input: { email: `m.${randomUUID()}@example.org`, password: 'a-long-password-1', displayName: 'Matrix' } }),
    expect: all('ok'),
  },
  { op: 'web/Me', vars: () => ({}), expect: signedIn },
  { op: 'web/MyApplications', vars: () => ({ first: 5 }), expect: signedIn },
  { op: 'web/MyFeedback', vars: () => ({ first: 5 }), expect: signedIn },
  {
    op: 'web/ApplicationDetail',
    vars: () => ({ id: applicationId }),
    expect: { anonymous: 'UNAUTHENTICATED', citizen: 'ok', otherCitizen: 'NOT_FOUND', officer: 'ok', otherOfficer: 'NOT_FOUND', editor: 'NOT_FOUND', analyst: 'ok', admin: 'ok' },
  },
  {
    op: 'web/SubmitApplication',
    vars: () => ({ input: { procedureId: LICENCE.id, formData: validForm(), idempotencyKey: randomUUID() } }),
    expect: citizenOnly,
  },
  // A citizen's own acts on their own record (supplement, withdraw, rate) stay with that person,
  // admins included: staff who can see the record are FORBIDDEN, everyone else NOT_FOUND.
  {
    op: 'web/SupplementApplication',
    vars: () => ({ input: { id: applicationId, formData: validForm(), expectedVersion: 1 } }),
    expect: ownAct,
  },
  {
    op: 'web/WithdrawApplication',
    // A version that never matches: the call is authorized or refused, and changes nothing.
    vars: () => ({ id: applicationId, expectedVersion: 999 }),
    expect: ownAct,
  },
  // The case file: answers, history and actions for everyone who may read the application; its
  // documents only for the applicant, the department's officers and admins (analysts: FORBIDDEN).
  { op: 'officer/CaseFile', vars: () => ({ id: applicationId }), expect: documentReaders },
  { op: 'web/MyApplicationFile', vars: () => ({ id: applicationId }), expect: documentReaders },
  // Working calendars: public to read; only admins change them (input that changes nothing here).
  { op: 'web/WorkingCalendar', vars: () => ({ code: 'BIZ', year: 2026 }), expect: all('ok') },
  { op: 'analyst/SetWorkingCalendar', vars: () => ({ input: { departmentId: departmentId('BIZ'), jurisdiction: 'XX', timeZone: 'UTC' } }), expect: adminOnly },
  { op: 'analyst/SetCalendarDay', vars: () => ({ input: { departmentId: departmentId('BIZ'), day: 'not-a-day', kind: 'HOLIDAY', name: 'Matrix' } }), expect: adminOnly },
  { op: 'analyst/RemoveCalendarDay', vars: () => ({ departmentId: departmentId('BIZ'), day: '1999-01-01' }), expect: adminOnly },
  {
    op: 'web/SubmitFeedback',
    vars: () => ({ input: { kind: 'SUGGESTION', departmentId: departmentId('BIZ'), subject: 'Matrix', body: 'Matrix body.', idempotencyKey: randomUUID() } }),
    expect: citizenOnly,
  },
  // The sender's own act (consent: false keeps the matrix's complaint private).
  { op: 'web/SetFeedbackPublicationConsent', vars: () => ({ feedbackId, consent: false }), expect: ownAct },
  {
    op: 'web/RateFeedback',
    vars: () => ({ input: { feedbackId, score: 5 } }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', citizen: 'ok' },
  },
  {
    op: 'officer/ApplicationQueue',
    vars: () => ({ first: 5 }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', officer: 'ok', otherOfficer: 'ok', analyst: 'ok', admin: 'ok' },
  },
  {
    op: 'officer/TransitionApplication',
    // From SUBMITTED, APPROVE is not allowed: an authorized caller gets a userError, nothing changes.
    vars: () => ({ input: { id: applicationId, action: 'APPROVE', expectedVersion: 1 } }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', officer: 'ok', otherOfficer: 'NOT_FOUND', otherCitizen: 'NOT_FOUND', editor: 'NOT_FOUND', admin: 'ok' },
  },
  {
    op: 'officer/FeedbackQueue',
    vars: () => ({ first: 5 }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', officer: 'ok', otherOfficer: 'ok', analyst: 'ok', admin: 'ok' },
  },
  {
    op: 'officer/FeedbackCases',
    vars: () => ({ first: 5 }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', officer: 'ok', otherOfficer: 'ok', analyst: 'ok', admin: 'ok' },
  },
  {
    op: 'officer/ReplyToFeedback',
    vars: () => ({ input: { feedbackId, body: 'A reply from the matrix.' } }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', officer: 'ok', otherOfficer: 'NOT_FOUND', admin: 'ok' },
  },
  {
    op: 'officer/CreatePublication',
    vars: () => ({ input: { departmentId: departmentId('BIZ'), kind: 'NOTICE', title: `Matrix notice ${randomUUID()}`, summary: 's', body: 'b', topics: [] } }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', editor: 'ok', admin: 'ok' },
  },
  {
    op: 'officer/PublishPublication',
    vars: async () => {
      const draft = await gql(
        operation('officer/CreatePublication'),
        { input: { departmentId: departmentId('BIZ'), kind: 'NOTICE', title: `Matrix draft ${randomUUID()}`, summary: 's', body: 'b', topics: [] } },
        { token: await tokenFor('editor.biz@demo.gov') },
      );
      return { id: draft.data.createPublication.publication.id };
    },
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', editor: 'ok', admin: 'ok' },
  },
  // Editorial work (issue 17): each role acts on fresh items of BIZ, whose editor is `editor`.
  { op: 'officer/EditorialPublications', vars: () => ({ departmentId: departmentId('BIZ'), first: 5 }), expect: bizStaff },
  { op: 'officer/EditorialPublication', vars: async () => ({ id: await bizPublished() }), expect: bizStaff },
  { op: 'officer/UpdatePublication', vars: async () => ({ input: { id: await bizPublished(), body: 'Matrix edit.', changeNote: 'Matrix.' } }), expect: bizEditors },
  { op: 'officer/UnpublishPublication', vars: async () => ({ id: await bizPublished(), changeNote: 'Matrix.' }), expect: bizEditors },
  { op: 'officer/ArchivePublication', vars: async () => ({ id: await bizPublished() }), expect: bizEditors },
  { op: 'officer/SupersedePublication', vars: async () => ({ id: await bizPublished(), successorId: await bizPublished() }), expect: bizEditors },
  // Accounts: admins act on others' accounts (throwaway ones here); everyone on their own.
  {
    op: 'analyst/CreateStaffAccount',
    vars: () => ({ input: { email: `m.${randomUUID()}@staff.example.gov`, password: 'a-matrix-password', displayName: 'Matrix', role: 'ANALYST' } }),
    expect: adminOnly,
  },
  { op: 'analyst/ChangeStaffAccount', vars: async () => ({ input: { userId: (await throwaway()).id, role: 'EDITOR', departmentId: departmentId('BIZ') } }), expect: adminOnly },
  { op: 'analyst/DeactivateAccount', vars: async () => ({ userId: (await throwaway()).id }), expect: adminOnly },
  { op: 'analyst/ReactivateAccount', vars: async () => ({ userId: (await throwaway()).id }), expect: adminOnly },
  // Too weak a new password: authorized callers get a userError and nothing changes.
  { op: 'web/ChangePassword', vars: () => ({ input: { currentPassword: 'irrelevant-here', newPassword: 'short' } }), expect: signedIn },
  { op: 'web/SignOutEverywhere', vars: () => ({}), expect: signedIn, token: freshToken },
  // Notifications: everyone signed in has an inbox (their own); a notification is its owner's alone.
  { op: 'web/MyNotifications', vars: () => ({ first: 5 }), expect: signedIn },
  { op: 'web/UnreadNotificationCount', vars: () => ({}), expect: signedIn },
  { op: 'web/NotificationSettings', vars: () => ({}), expect: signedIn },
  { op: 'web/UpdateNotificationSettings', vars: () => ({ input: { preferredLanguage: 'EN' } }), expect: signedIn },
  { op: 'web/MarkAllNotificationsRead', vars: () => ({}), expect: signedIn },
  {
    op: 'web/MarkNotificationRead',
    vars: async () => ({ id: await ownersNotification() }),
    expect: { ...all('NOT_FOUND'), anonymous: 'UNAUTHENTICATED', citizen: 'ok' },
  },
  {
    op: 'analyst/DepartmentDashboard',
    vars: () => ({ code: 'BIZ', from: '2025-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', analyst: 'ok', admin: 'ok' },
  },
  {
    op: 'analyst/DepartmentComparison',
    vars: () => ({ from: '2026-01-05T00:00:00Z', to: '2026-03-02T00:00:00Z', timeZone: 'Asia/Shanghai' }),
    expect: { ...all('FORBIDDEN'), anonymous: 'UNAUTHENTICATED', analyst: 'ok', admin: 'ok' },
  },
];

/** A notification of the owner's: an officer accepts an application of theirs, and it arrives in their inbox. */
let notificationId: Promise<string> | undefined;
function ownersNotification(): Promise<string> {
  notificationId ??= (async () => {
    const { application } = await submit(tokens.citizen!);
    await gql(operation('officer/TransitionApplication'), { input: { id: application.id, action: 'ACCEPT', expectedVersion: 1 } }, { token: tokens.officer });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = await gql(operation('web/MyNotifications'), { first: 1 }, { token: tokens.citizen });
      const id = r.data?.me?.notifications?.edges?.[0]?.node?.id as string | undefined;
      if (id) return id;
      if (Date.now() > deadline) throw new Error(`no notification arrived: ${JSON.stringify(r)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return notificationId;
}

beforeAll(async () => {
  const owner = await newCitizen('matrix-owner');
  const other = await newCitizen('matrix-other');
  Object.assign(tokens, {
    anonymous: undefined,
    citizen: owner.token,
    otherCitizen: other.token,
    officer: await tokenFor('officer.biz@demo.gov'),
    otherOfficer: await tokenFor('officer.tax@demo.gov'),
    editor: await tokenFor('editor.biz@demo.gov'),
    analyst: await tokenFor('analyst@demo.gov'),
    admin: await tokenFor('admin@demo.gov'),
  });
  const attached = await submit(owner.token, { documents: await licenceDocuments(owner.token) });
  applicationId = attached.application.id;
  documentId = (await gql(operation('officer/CaseFile'), { id: applicationId }, { token: owner.token })).data.application.documents[0].id;
  const fb = await gql(
    operation('web/SubmitFeedback'),
    { input: { kind: 'COMPLAINT', departmentId: departmentId('BIZ'), subject: 'Matrix complaint', body: 'Details of the complaint.', idempotencyKey: randomUUID() } },
    { token: owner.token },
  );
  if (!fb.data?.submitFeedback?.feedback) throw new Error(JSON.stringify(fb));
  feedbackId = fb.data.submitFeedback.feedback.id;
  const feed = await gql(operation('web/PublicationFeed'), { first: 1 });
  publicationSlug = feed.data.publications.edges[0].node.slug;
});

describe('authorization matrix', () => {
  for (const c of cases) {
    it(`${c.op}`, async () => {
      const seen: Record<string, string> = {};
      for (const role of ROLES) {
        const token = c.token ? await c.token(role) : tokens[role];
        const r = await gql(operation(c.op as never), await c.vars(role), { token });
        const code = r.errors?.[0]?.extensions?.code;
        seen[role] = r.errors ? String(code) : 'ok';
      }
      const wrong = ROLES.filter((r) => seen[r] !== c.expect[r]).map((r) => `${r}: expected ${c.expect[r]}, got ${seen[r]}`);
      if (wrong.length) console.log('MATRIX', c.op, JSON.stringify(wrong));
      expect(wrong.join('; ')).toBe('');
    });
  }
});

describe('private files', () => {
  // A citizen's supporting document: the same readers as Application.documents, and holding its
  // id opens nothing: 401 without a sign-in, 404 (as for an id that does not exist) otherwise.
  const status: Record<Role, number> = { anonymous: 401, citizen: 200, otherCitizen: 404, officer: 200, otherOfficer: 404, editor: 404, analyst: 404, admin: 200 };
  it('GET /documents/<id>', async () => {
    const seen: Record<string, number> = {};
    for (const role of ROLES) seen[role] = (await download(documentId, tokens[role])).status;
    expect(seen).toEqual(status);
  });
  it('POST /documents/<id>/link', async () => {
    const seen: Record<string, number> = {};
    for (const role of ROLES) {
      const token = tokens[role];
      const res = await fetch(new URL(`/documents/${documentId}/link`, gatewayUrl()), { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
      seen[role] = res.status;
    }
    expect(seen).toEqual(status);
  });
  it('GET /files/<id> never serves it', async () => {
    for (const role of ROLES) {
      const token = tokens[role];
      expect((await fetch(new URL(`/files/${documentId}`, gatewayUrl()), { headers: token ? { authorization: `Bearer ${token}` } : {} })).status).toBe(404);
    }
  });
});
