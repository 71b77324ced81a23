import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MemoryEventBus, type PlatformEvent } from '../../core/events';
import { post, startTestGateway, UNLIMITED_RATES } from '../../test/gateway';
import { operation, settled } from '../../test/graph';
import { startOwnIdentity } from '../../test/own-identity';
import { TestSmtpServer } from '../../test/smtp';
import type { SubgraphDeps } from '../kit/module';
import type { Db } from './db/users.repository';
import { MailSender } from './notifications/mail-sender';

/**
 * Citizens' notifications as clients and mail servers see them: an identity subgraph of the test's
 * own follows a bus the test appends to (events as the applications and feedback subgraphs emit
 * them), a gateway routes to it, and a real SMTP server (the `smtp-server` package) receives the
 * mail; the test takes that server down and brings it back.
 */
const REGISTER = operation('web/Register');
const INBOX = operation('web/MyNotifications');
const MARK = operation('web/MarkNotificationRead');
const MARK_ALL = operation('web/MarkAllNotificationsRead');
const SETTINGS = operation('web/NotificationSettings');
const UPDATE_SETTINGS = operation('web/UpdateNotificationSettings');

const MAIL_FROM = 'Service Portal <no-reply@portal.example.gov>';
let gw: Awaited<ReturnType<typeof startTestGateway>>;
let identity: Awaited<ReturnType<typeof startOwnIdentity>>;
const smtp = new TestSmtpServer();
const bus = new MemoryEventBus();
const seqs: Record<string, number> = { applications: 0, feedback: 0 };


const ask = async (query: string, variables: Record<string, unknown>, token?: string, language?: 'en' | 'zh') => {
  const r = await post(gw.url, { query, variables }, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(language ? { 'x-egov-language': language } : {}) });
  return r.body as { data?: any; errors?: { extensions?: { code?: string } }[] };
};

async function citizen(label: string, language: 'en' | 'zh' = 'en') {
  const email = `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const r = await ask(REGISTER, { input: { email, password: 'a-long-password-1', displayName: label } }, undefined, language);
  expect(r.data.register.userErrors).toEqual([]);
  return { id: r.data.register.user.id as string, token: r.data.register.token as string, email };
}

/** What the applications subgraph emits for an officer's transition (payload per events-contract). */
async function applicationUpdated(applicantId: string, action: string, status: string, extra: Partial<PlatformEvent> = {}) {
  const seq = ++seqs.applications!;
  const trackingNumber = `TAX-2026-${String(100000 + seq)}`;
  const applicationId = randomUUID();
  await bus.append('applications', [
    {
      stream: 'applications',
      seq,
      topic: 'application.updated',
      at: new Date().toISOString(),
      payload: { applicationId, applicantId, departmentId: randomUUID(), procedureId: randomUUID(), trackingNumber, status, previousStatus: 'SUBMITTED', action },
      ...extra,
    },
  ]);
  return { trackingNumber, applicationId, seq };
}

async function feedbackUpdated(authorId: string | null, action: string, status: string) {
  const seq = ++seqs.feedback!;
  const trackingNumber = `FB-2026-${String(200000 + seq)}`;
  await bus.append('feedback', [
    { stream: 'feedback', seq, topic: 'feedback.updated', at: new Date().toISOString(), payload: { feedbackId: randomUUID(), authorId, departmentId: randomUUID(), kind: 'INQUIRY', trackingNumber, status, action } },
  ]);
  return { trackingNumber };
}

const inbox = (token: string, vars: Record<string, unknown> = {}, language?: 'en' | 'zh') => ask(INBOX, vars, token, language);
const unread = async (token: string) => (await inbox(token, { first: 0 })).data.me.unreadNotificationCount as number;

beforeAll(async () => {
  await smtp.start();
  identity = await startOwnIdentity({
    events: bus,
    publicUrl: 'https://portal.example.gov',
    // Short waits between attempts, so a server that was down is tried again within the test.
    mail: { smtpUrl: smtp.url, from: MAIL_FROM, retryBaseMs: 100, retryMaxMs: 500 },
  } as Partial<SubgraphDeps>);
  gw = await startTestGateway({
    env: UNLIMITED_RATES,
    subgraphUrls: { ...inject('subgraphUrls'), identity: identity.url },
  });
});

afterAll(async () => {
  await gw?.stop();
  await identity?.stop();
  await smtp.stop();
});

describe('notifications inbox', () => {
  it("fills a citizen's inbox from status changes and replies, in the reader's language, and only theirs", async () => {
    const ada = await citizen('ada');
    const eve = await citizen('eve');
    const supplement = await applicationUpdated(ada.id, 'REQUEST_SUPPLEMENT', 'SUPPLEMENT_REQUESTED');
    // The citizen's own acts, anonymous feedback and topics no one knows make nothing.
    await applicationUpdated(ada.id, 'SUBMIT', 'SUBMITTED');
    await applicationUpdated(ada.id, 'SOMETHING_NEW', 'SUBMITTED');
    await applicationUpdated(ada.id, 'APPROVE', 'APPROVED', { topic: 'application.archived' });
    // The two streams are consumed independently and the inbox lists notifications as they were
    // made: each waits for the one before it from the other stream, so the order below is theirs.
    await settled(() => unread(ada.token), (n) => n === 1);
    await feedbackUpdated(null, 'REPLY', 'ANSWERED');
    const reply = await feedbackUpdated(ada.id, 'REPLY', 'ANSWERED');
    await settled(() => unread(ada.token), (n) => n === 2);
    const approved = await applicationUpdated(ada.id, 'APPROVE', 'APPROVED');

    await settled(() => unread(ada.token), (n) => n === 3);
    const all = await inbox(ada.token);
    expect(all.data.me.notifications.totalCount).toBe(3);
    expect(all.data.me.notifications.edges.map((e: any) => e.node)).toEqual([
      {
        id: expect.any(String),
        kind: 'APPLICATION_STATUS',
        code: 'NOTICE_APPLICATION_APPROVED',
        text: `Your application ${approved.trackingNumber} was approved.`,
        trackingNumber: approved.trackingNumber,
        status: 'APPROVED',
        link: `/my/applications/${approved.applicationId}`,
        createdAt: expect.any(String),
        read: false,
        readAt: null,
      },
      expect.objectContaining({ kind: 'FEEDBACK_REPLY', code: 'NOTICE_FEEDBACK_REPLIED', trackingNumber: reply.trackingNumber, status: 'ANSWERED', link: '/my/feedback' }),
      expect.objectContaining({
        code: 'NOTICE_SUPPLEMENT_REQUESTED',
        text: expect.stringContaining(supplement.trackingNumber),
        status: 'SUPPLEMENT_REQUESTED',
        link: `/my/applications/${supplement.applicationId}`,
      }),
    ]);
    // The same inbox read in Chinese.
    const zh = await inbox(ada.token, { first: 1 }, 'zh');
    expect(zh.data.me.notifications.edges[0].node.text).toBe(`您的申请 ${approved.trackingNumber} 已获批准。`);

    // Keyset pages: one at a time, newest first, nothing skipped or repeated.
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const r = await inbox(ada.token, { first: 1, after });
      seen.push(...r.data.me.notifications.edges.map((e: any) => e.node.id));
      if (!r.data.me.notifications.pageInfo.hasNextPage) break;
      after = r.data.me.notifications.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.data.me.notifications.edges.map((e: any) => e.node.id));

    // Another citizen sees none of it and cannot mark it.
    expect((await inbox(eve.token)).data.me.notifications.totalCount).toBe(0);
    const foreign = await ask(MARK, { id: seen[0] }, eve.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await unread(ada.token)).toBe(3);
    // Anonymous callers: no inbox at all.
    expect((await ask(MARK_ALL, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Read one, then all.
    const marked = await ask(MARK, { id: seen[1] }, ada.token);
    expect(marked.data.markNotificationRead).toMatchObject({ notification: { id: seen[1], read: true }, marked: 1, unreadNotificationCount: 2 });
    const unreadOnly = await inbox(ada.token, { unreadOnly: true });
    expect(unreadOnly.data.me.notifications.edges.map((e: any) => e.node.id)).toEqual([seen[0], seen[2]]);
    expect(unreadOnly.data.me.notifications.totalCount).toBe(2);
    expect((await ask(MARK_ALL, {}, ada.token)).data.markAllNotificationsRead).toEqual({ marked: 2, unreadNotificationCount: 0 });
    expect(await unread(ada.token)).toBe(0);
    expect((await inbox(ada.token)).data.me.notifications.totalCount).toBe(3);
    expect((await ask(MARK, { id: 'not-an-id' }, ada.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('takes the language of mail from the sign-up request, and lets the citizen change it and opt out', async () => {
    const li = await citizen('li', 'zh');
    expect((await ask(SETTINGS, {}, li.token)).data.me).toMatchObject({ preferredLanguage: 'ZH', emailNotifications: true });
    const changed = await ask(UPDATE_SETTINGS, { input: { preferredLanguage: 'EN', emailNotifications: false } }, li.token);
    expect(changed.data.updateNotificationSettings).toEqual({ user: { id: li.id, preferredLanguage: 'EN', emailNotifications: false }, userErrors: [] });
    const refused = await ask(UPDATE_SETTINGS, { input: { emailNotifications: null } }, li.token);
    expect(refused.data.updateNotificationSettings.userErrors).toEqual([{ field: 'input.emailNotifications', code: 'REQUIRED', message: expect.any(String) }]);
  });
});

describe('notification mail', () => {
  it('sends each notification once, in the recipient’s language, to nobody who opted out', async () => {
    const en = await citizen('mail-en');
    const zh = await citizen('mail-zh', 'zh');
    const out = await citizen('mail-out');
    await ask(UPDATE_SETTINGS, { input: { emailNotifications: false } }, out.token);

    const toEn = await applicationUpdated(en.id, 'REQUEST_SUPPLEMENT', 'SUPPLEMENT_REQUESTED');
    const toZh = await applicationUpdated(zh.id, 'APPROVE', 'APPROVED');
    await applicationUpdated(out.id, 'APPROVE', 'APPROVED');
    await settled(async () => smtp.to(en.email).length + smtp.to(zh.email).length, (n) => n === 2);
    // The opted-out citizen's notification is in their inbox, and no mail of it in the outbox.
    await settled(() => unread(out.token), (n) => n === 1);

    const [mailEn] = smtp.to(en.email);
    expect(mailEn).toMatchObject({ subject: expect.stringContaining(toEn.trackingNumber), contentLanguage: 'en' });
    expect(mailEn!.subject).toContain('asks for more material');
    expect(mailEn!.text).toContain(`Open it on the portal: https://portal.example.gov/my/applications/${toEn.applicationId}`);
    expect(mailEn!.text).toContain('To turn them off, or to change their language: https://portal.example.gov/my/notifications');
    expect(mailEn!.raw).toContain('List-Unsubscribe: <https://portal.example.gov/my/notifications>');
    expect(mailEn!.messageId).toMatch(/^<notification\.[0-9a-f-]{36}@portal\.example\.gov>$/);
    const [mailZh] = smtp.to(zh.email);
    expect(mailZh).toMatchObject({ subject: `您的申请 ${toZh.trackingNumber} 已获批准。`, contentLanguage: 'zh-Hans' });
    expect(mailZh!.text).toContain('如需关闭通知或更改语言');
    expect(smtp.to(out.email)).toEqual([]);
    // The test server has a mail before it answers 250, and sent_at is written only after that answer.
    const outbox = await settled(
      () =>
        identity.db
          .selectFrom('mail_outbox as m')
          .innerJoin('notifications as n', 'n.id', 'm.notification_id')
          .select(['n.user_id', 'm.sent_at'])
          .where('n.user_id', 'in', [en.id, zh.id, out.id])
          .execute(),
      (rows) => rows.every((r) => r.sent_at !== null),
    );
    expect(outbox.map((r) => r.user_id).sort()).toEqual([en.id, zh.id].sort());
    expect(outbox.every((r) => r.sent_at !== null)).toBe(true);
  });

  it('keeps mail while the SMTP server is down and sends every one exactly once when it is back, with three senders racing', async () => {
    const a = await citizen('down-a');
    const b = await citizen('down-b', 'zh');
    const before = smtp.received.length;
    await smtp.stop();
    const sent: { email: string; trackingNumber: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const who = i % 2 ? b : a;
      const e = await applicationUpdated(who.id, i % 3 === 0 ? 'ACCEPT' : 'DENY', i % 3 === 0 ? 'ACCEPTED' : 'DENIED');
      sent.push({ email: who.email, trackingNumber: e.trackingNumber });
    }
    const mine = () =>
      identity.db
        .selectFrom('mail_outbox as m')
        .innerJoin('notifications as n', 'n.id', 'm.notification_id')
        .select(['m.attempts', 'm.sent_at', 'm.last_error'])
        .where('n.user_id', 'in', [a.id, b.id])
        .execute();
    // Every mail tried at least twice against the closed port: each failure waits and tries again.
    await settled(mine, (rows) => rows.length === 6 && rows.every((r) => r.attempts >= 2 && r.sent_at === null && r.last_error !== null), 20_000);
    expect(smtp.received.length).toBe(before);

    await smtp.start();
    // Two more senders on the same outbox, as other replicas of identity would run: they race the
    // subgraph's own for every due mail.
    const replicas = [1, 2].map(() => new MailSender(identity.db as Db, { smtpUrl: smtp.url, from: MAIL_FROM, retryBaseMs: 100, retryMaxMs: 500 }, undefined));
    await settled(
      async () => {
        await Promise.all(replicas.map((r) => r.sendDue()));
        return mine();
      },
      (rows) => rows.every((r) => r.sent_at !== null),
      20_000,
    );
    await Promise.all(replicas.map((r) => r.close()));
    const got = [...smtp.to(a.email), ...smtp.to(b.email)];
    expect(got).toHaveLength(6);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(6);
    for (const { email, trackingNumber } of sent) {
      const mails = smtp.to(email).filter((m) => m.subject.includes(trackingNumber));
      expect(mails, trackingNumber).toHaveLength(1);
      expect(mails[0]!.contentLanguage).toBe(email === b.email ? 'zh-Hans' : 'en');
    }
  });
});
