import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { catalogueMessage } from '../../../core/messages';
import { log } from '../../../core/log';
import { Rerun } from '../../../core/rerun';
import type { MailSettings } from '../../kit/module';
import type { Db } from '../db/users.repository';

/** While one replica sends a mail, the others leave it alone this long (longer than any send may take). */
const LEASE_MS = 120_000;

/** The domain of the sender's address, for Message-IDs (`no-reply@x.gov` and `Name <no-reply@x.gov>` alike). */
export function mailDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1]?.toLowerCase() ?? 'localhost';
}

/** An absolute link when PUBLIC_URL is known; otherwise the root-relative path. */
const absolute = (publicUrl: string | undefined, path: string) => (publicUrl ? new URL(path, publicUrl).toString() : path);

/**
 * What a log line says of a failed send: the error's code and the server's reply code, never its
 * message, which may quote the recipient's address (kept in `mail_outbox.last_error` instead).
 */
const why = (err: unknown) => ({ code: (err as { code?: string }).code, responseCode: (err as { responseCode?: number }).responseCode });

interface Claimed {
  notification_id: string;
  message_id: string;
  attempts: number;
}

/**
 * Sends the mail outbox through SMTP (nodemailer), at most one send of a mail at a time across
 * replicas, and never again once the server accepted it:
 * - a due mail is claimed with one statement (`FOR UPDATE SKIP LOCKED`, the attempt counted, its
 *   next attempt pushed past a lease), so replicas never send the same mail at once;
 * - it is marked sent only after the SMTP server accepted it; a failure waits `retryBaseMs`,
 *   doubling up to `retryMaxMs`, and after `maxAttempts` the mail is dropped (`GAVE_UP`); a
 *   permanent refusal (5xx) drops it at once (`REFUSED`);
 * - a person who opted out (or changed their address) meanwhile: read at send time, so the mail
 *   goes in their language of now to their address of now, or not at all (`OPTED_OUT`);
 * - every mail of a notification carries the same Message-ID, so the one case SMTP cannot rule
 *   out (the process dying after the server accepted, before the mark) resends a mail a receiver
 *   recognises as the same.
 * No database transaction is held while talking to the SMTP server.
 */
export class MailSender {
  private readonly transport: Transporter | null;
  /** One run at a time per process; a call during one makes it look once more (core/rerun.ts). */
  private readonly runs = new Rerun(() => this.sendAll(), () => !this.transport || this.closed);
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly settings: MailSettings,
    private readonly publicUrl: string | undefined,
  ) {
    // Timeouts well inside the lease, so a server that hangs fails an attempt (retried) rather
    // than holding the sender, or the subgraph's stop, for nodemailer's default two minutes.
    this.transport = settings.smtpUrl
      ? nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from: settings.from })
      : null;
  }

  /** Whether mail is sent at all (SMTP_URL set). */
  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Sends what is due now; one run at a time per process (a call meanwhile makes it look again). */
  sendDue(): Promise<void> {
    return this.runs.run();
  }

  /** Claims and sends due mail until none is left. Never rejects: a failure is logged and tried again at the next run. */
  private async sendAll(): Promise<void> {
    try {
      for (let mail = await this.claim(); mail && !this.closed; mail = await this.claim()) await this.send(mail);
    } catch (err) {
      log.error({ component: 'mail sender', err }, 'sending the mail outbox failed; tried again at the next run');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.runs.settled();
    this.transport?.close();
  }

  private claim(): Promise<Claimed | undefined> {
    return this.db
      .updateTable('mail_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: sql<Date>`now() + ${LEASE_MS} * interval '1 millisecond'` }))
      .where('notification_id', '=', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('notification_id')
          .where('sent_at', 'is', null)
          .where('dropped_at', 'is', null)
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .orderBy('next_attempt_at')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['notification_id', 'message_id', 'attempts'])
      .executeTakeFirst();
  }

  /** One attempt at one claimed mail; true when the server accepted it. */
  private async send(mail: Claimed): Promise<boolean> {
    const row = await this.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.code', 'n.params', 'n.link', 'u.email', 'u.language', 'u.email_notifications', 'u.active'])
      .where('n.id', '=', mail.notification_id)
      .executeTakeFirst();
    if (!row || !row.email_notifications || !row.active) return this.drop(mail, !row ? 'GONE' : row.email_notifications ? 'DEACTIVATED' : 'OPTED_OUT');
    const lang = row.language;
    const subject = catalogueMessage(lang, row.code, row.params) ?? row.code;
    const text = [
      subject,
      '',
      catalogueMessage(lang, 'MAIL_OPEN', { link: absolute(this.publicUrl, row.link) }),
      '',
      '-- ',
      catalogueMessage(lang, 'MAIL_FOOTER', { link: absolute(this.publicUrl, '/my/notifications') }),
    ].join('\n');
    try {
      await this.transport!.sendMail({
        to: row.email,
        subject,
        text,
        messageId: mail.message_id,
        headers: {
          'Content-Language': lang === 'zh' ? 'zh-Hans' : 'en',
          'Auto-Submitted': 'auto-generated',
          // Mail programs offer "unsubscribe" with it: the page where email notifications are turned off.
          ...(this.publicUrl ? { 'List-Unsubscribe': `<${absolute(this.publicUrl, '/my/notifications')}>` } : {}),
        },
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500) return this.drop(mail, 'REFUSED', err);
      const max = this.settings.maxAttempts ?? 20;
      if (mail.attempts >= max) return this.drop(mail, 'GAVE_UP', err);
      const wait = Math.min((this.settings.retryBaseMs ?? 30_000) * 2 ** (mail.attempts - 1), this.settings.retryMaxMs ?? 3_600_000);
      log.warn({ component: 'mail sender', notification: mail.notification_id, attempt: mail.attempts, retryInMs: wait, ...why(err) }, 'mail not sent; retried later');
      await this.db
        .updateTable('mail_outbox')
        .set({ next_attempt_at: sql`now() + ${wait} * interval '1 millisecond'`, last_error: String((err as Error).message).slice(0, 500) })
        .where('notification_id', '=', mail.notification_id)
        .execute();
      return false;
    }
    await this.db.updateTable('mail_outbox').set({ sent_at: sql`now()`, last_error: null }).where('notification_id', '=', mail.notification_id).execute();
    return true;
  }

  private async drop(mail: Claimed, reason: string, err?: unknown): Promise<false> {
    if (err) log.warn({ component: 'mail sender', notification: mail.notification_id, reason, ...why(err) }, 'mail dropped');
    await this.db
      .updateTable('mail_outbox')
      .set({ dropped_at: sql`now()`, dropped_reason: reason, last_error: err ? String((err as Error).message).slice(0, 500) : null })
      .where('notification_id', '=', mail.notification_id)
      .execute();
    return false;
  }
}
