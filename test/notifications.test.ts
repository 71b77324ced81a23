import { describe, expect, inject, it } from 'vitest';
import { gql, operation, settled, tokenFor } from './graph';
import { mailTo, type ReceivedMail } from './smtp';
import { act, submit } from '../subgraphs/applications/test-support';
import { reply, submitOk } from '../subgraphs/feedback/test-helpers';

/**
 * End to end on the running platform: an officer's act through the gateway commits an event in
 * the applications (or feedback) subgraph's outbox, its relay puts it on the bus, identity's
 * consumer turns it into the citizen's notification and mail, and the mail job hands it to the
 * run's SMTP server (test/global-setup.ts).
 */

const inbox = (token: string, language: 'en' | 'zh' = 'en') => gql(operation('web/MyNotifications'), { first: 10 }, { token, headers: { 'x-egov-language': language } });
const mails = (email: string) => mailTo(inject('mailboxUrl'), email);

async function chineseCitizen() {
  const email = `e2e.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const r = await gql(operation('web/Register'), { input: { email, password: 'a-long-password-1', displayName: '李明' } }, { headers: { 'x-egov-language': 'zh' } });
  expect(r.data.register.userErrors).toEqual([]);
  return { token: r.data.register.token as string, email };
}

describe('notifications end to end', () => {
  it("turns an officer's transitions into the citizen's notifications and mail, each once, in the citizen's language", async () => {
    const citizen = await chineseCitizen();
    const officer = await tokenFor('officer.biz@demo.gov');
    const { application } = await submit(citizen.token);
    // Submitting is the citizen's own act: nothing to tell them.
    await act(officer, application.id, 'REQUEST_SUPPLEMENT', 1, 'Please attach the lease.');

    const first = await settled(() => inbox(citizen.token, 'zh'), (r) => r.data?.me?.notifications?.edges?.length >= 1);
    expect(first.data.me.unreadNotificationCount).toBe(1);
    expect(first.data.me.notifications.edges[0].node).toMatchObject({
      kind: 'APPLICATION_STATUS',
      code: 'NOTICE_SUPPLEMENT_REQUESTED',
      trackingNumber: application.trackingNumber,
      status: 'SUPPLEMENT_REQUESTED',
      link: `/my/applications/${application.id}`,
      text: `部门要求为您的申请 ${application.trackingNumber} 补充材料。请打开申请查看所需材料。`,
      read: false,
    });

    const [mail] = await settled(() => mails(citizen.email), (m) => m.length >= 1);
    expect(mail).toMatchObject({ subject: expect.stringContaining(application.trackingNumber), contentLanguage: 'zh-Hans' });
    expect(mail!.subject).toContain('补充材料');

    // A reply to the citizen's feedback, then a second application decided: one notification and one mail each.
    const feedback = await submitOk(citizen.token);
    expect((await reply('officer.tax@demo.gov', feedback.id, 'Bring your ID card.')).errors).toBeUndefined();
    const second = (await submit(citizen.token)).application;
    await act(officer, second.id, 'ACCEPT', 1);
    await act(officer, second.id, 'APPROVE', 2, 'All conditions met.');

    // Settled on the page, not the total: the two are separate reads, and a notification committed
    // between them was counted but not yet listed (it failed .ci/run once that way).
    const all = await settled(() => inbox(citizen.token), (r) => r.data?.me?.notifications?.edges?.length >= 4);
    expect(all.data.me.notifications.edges.map((e: any) => [e.node.code, e.node.trackingNumber])).toEqual([
      ['NOTICE_APPLICATION_APPROVED', second.trackingNumber],
      ['NOTICE_APPLICATION_ACCEPTED', second.trackingNumber],
      ['NOTICE_FEEDBACK_REPLIED', feedback.trackingNumber],
      ['NOTICE_SUPPLEMENT_REQUESTED', application.trackingNumber],
    ]);
    const got: ReceivedMail[] = await settled(() => mails(citizen.email), (m) => m.length >= 4);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(4);
    expect(got.every((m) => m.contentLanguage === 'zh-Hans')).toBe(true);
    expect(got.filter((m) => m.subject.includes(feedback.trackingNumber))).toHaveLength(1);

    // Read: the badge's count goes down, for this citizen only.
    const read = await gql(operation('web/MarkAllNotificationsRead'), {}, { token: citizen.token });
    expect(read.data.markAllNotificationsRead).toEqual({ marked: 4, unreadNotificationCount: 0 });
    const badge = await gql(operation('web/UnreadNotificationCount'), {}, { token: citizen.token });
    expect(badge.data.me.unreadNotificationCount).toBe(0);
  });
});
