import type { EventBus } from '../../../core/events';
import { log } from '../../../core/log';
import { EventConsumer } from '../../kit/event-consumer';
import type { MailSettings } from '../../kit/module';
import type { SubgraphDefinition } from '../../kit/server';
import type { Db } from '../db/users.repository';
import { notificationHandlers } from './from-events';
import { MailSender, mailDomain } from './mail-sender';

/** Without MAIL_FROM: the sender address of the mail outbox. */
export const DEFAULT_MAIL_FROM = 'no-reply@localhost';

export interface Notifications {
  consumer: EventConsumer | null;
  mail: MailSender;
  jobs: NonNullable<SubgraphDefinition<any>['jobs']>;
  stop: () => Promise<void>;
}

/**
 * Identity's notifications: a consumer of the applications and feedback streams that fills each
 * citizen's inbox and the mail outbox (one transaction per event, with the stream position), and
 * the sender of that outbox. Both run as jobs of the subgraph and stop with it.
 */
export function startNotifications(db: Db, bus: EventBus | undefined, mail: MailSettings | undefined, publicUrl: string | undefined): Notifications {
  const settings: MailSettings = mail ?? { from: DEFAULT_MAIL_FROM };
  const sender = new MailSender(db, settings, publicUrl);
  if (!sender.enabled) log.info({ component: 'identity' }, 'SMTP_URL is not set: notification mail is kept in the outbox, not sent');
  const consumer = bus
    ? new EventConsumer({
        name: 'notifications',
        db,
        bus,
        handlers: notificationHandlers(mailDomain(settings.from)),
        // A new notification's mail goes out right after its commit, not at the next poll.
        afterCommit: () => void sender.sendDue(),
      })
    : null;
  const jobs: Notifications['jobs'] = [];
  if (consumer) jobs.push({ name: 'notifications from events', everyMs: 5_000, atStart: true, run: () => consumer.poll() });
  if (sender.enabled) jobs.push({ name: 'notification mail', everyMs: 1_000, atStart: true, run: () => sender.sendDue() });
  return {
    consumer,
    mail: sender,
    jobs,
    stop: async () => {
      await consumer?.stop();
      await sender.close();
    },
  };
}
