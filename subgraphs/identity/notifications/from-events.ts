import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { eventId, type PlatformEvent } from '../../../core/events';
import type { MessageCode } from '../../../core/messages/en';
import type { EventHandler } from '../../kit/event-consumer';
import { isUuid } from '../../kit/ids';
import type { IdentityDB, NotificationKind } from '../db/tables';

/**
 * What a citizen is told, by event. Only what someone else did to their affairs: an officer's
 * transition of their application, a department's reply to their feedback. Their own acts
 * (submitting, supplementing, withdrawing, rating) and every topic or action not listed here are
 * ignored, as the events contract asks of consumers.
 */
const APPLICATION_NOTICES: Record<string, MessageCode> = {
  ACCEPT: 'NOTICE_APPLICATION_ACCEPTED',
  REJECT: 'NOTICE_APPLICATION_REJECTED',
  REQUEST_SUPPLEMENT: 'NOTICE_SUPPLEMENT_REQUESTED',
  APPROVE: 'NOTICE_APPLICATION_APPROVED',
  DENY: 'NOTICE_APPLICATION_DENIED',
  COMPLETE: 'NOTICE_APPLICATION_COMPLETED',
};

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  code: MessageCode;
  params: Record<string, string>;
  link: string;
  source: string;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);

/** The notification an event makes, or null when it concerns no citizen's inbox. */
export function noticeOf(event: PlatformEvent): NewNotification | null {
  const p = event.payload;
  if (event.stream === 'applications' && event.topic === 'application.updated') {
    const code = APPLICATION_NOTICES[String(p.action)];
    const trackingNumber = text(p.trackingNumber);
    const status = text(p.status);
    if (!code || !isUuid(p.applicantId) || !isUuid(p.applicationId) || !trackingNumber || !status) return null;
    return {
      userId: p.applicantId,
      kind: 'APPLICATION_STATUS',
      code,
      params: { trackingNumber, status },
      link: `/my/applications/${p.applicationId}`,
      source: eventId(event),
    };
  }
  if (event.stream === 'feedback' && event.topic === 'feedback.updated') {
    const trackingNumber = text(p.trackingNumber);
    const status = text(p.status);
    // Anonymous feedback (authorId null) has nobody to tell.
    if (p.action !== 'REPLY' || !isUuid(p.authorId) || !trackingNumber || !status) return null;
    return { userId: p.authorId, kind: 'FEEDBACK_REPLY', code: 'NOTICE_FEEDBACK_REPLIED', params: { trackingNumber, status }, link: '/my/feedback', source: eventId(event) };
  }
  return null;
}

/** The Message-ID of a notification's email: the same on every attempt, so a resend is recognisably the same mail. */
export const messageIdOf = (notificationId: string, mailDomain: string) => `<notification.${notificationId}@${mailDomain}>`;

/**
 * Writes the notification and, unless the person opted out of email, its mail in the outbox, in
 * the consumer's transaction (with the stream position). An event already turned into a
 * notification (`source` is unique) adds nothing.
 */
export async function notify(trx: Transaction<IdentityDB>, n: NewNotification, mailDomain: string): Promise<string | null> {
  const user = await trx.selectFrom('users').select(['id', 'email_notifications']).where('id', '=', n.userId).executeTakeFirst();
  if (!user) return null;
  const row = await trx
    .insertInto('notifications')
    .values({ id: randomUUID(), user_id: n.userId, kind: n.kind, code: n.code, params: JSON.stringify(n.params) as never, link: n.link, source: n.source })
    .onConflict((oc) => oc.column('source').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  if (user.email_notifications) {
    await trx.insertInto('mail_outbox').values({ notification_id: row.id, message_id: messageIdOf(row.id, mailDomain) }).execute();
  }
  return row.id;
}

/** The notifications consumer's handler of each stream it follows. */
export function notificationHandlers(mailDomain: string): Record<string, EventHandler> {
  const handle: EventHandler = async (trx, event) => {
    const notice = noticeOf(event);
    if (notice) await notify(trx as Transaction<IdentityDB>, notice, mailDomain);
  };
  return { applications: handle, feedback: handle };
}
