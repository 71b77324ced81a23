import { sql, type Kysely } from 'kysely';
import { createEventPositions } from '../../../kit/event-consumer-migration';

/**
 * Citizens' notifications (issue 19), beside the person they are for:
 * - `users.language` (the language mail is written in: the request's at sign-up, changeable) and
 *   `users.email_notifications` (the opt-out);
 * - `event_positions`: where the notifications consumer stands in each stream it follows (events
 *   committed before this migration are passed over);
 * - `notifications`: the inbox, one row per event that concerns a citizen (`source` is the event
 *   id, unique: an event never makes two);
 * - `mail_outbox`: the email of a notification, written in the same transaction, sent by a job
 *   (leased while a send is under way, marked sent only once the SMTP server accepted it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en').check(sql`language in ('en', 'zh')`))
    .addColumn('email_notifications', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  // The notifications consumer tells of what happens from this migration on, not of the bus's past.
  await createEventPositions(db, { consumer: 'notifications', streams: ['applications', 'feedback'] });

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('APPLICATION_STATUS', 'FEEDBACK_REPLY')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(params) = 'object'`))
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  // The inbox, newest first (keyset on created_at, id), all or unread only; and the unread count.
  const notifications = sql.id('identity', 'notifications');
  await sql`create index notifications_inbox on ${notifications} (user_id, created_at desc, id desc)`.execute(db);
  await sql`create index notifications_unread on ${notifications} (user_id, created_at desc, id desc) where read_at is null`.execute(db);

  await db.schema
    .createTable('mail_outbox')
    .addColumn('notification_id', 'uuid', (c) => c.primaryKey().references('notifications.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    // Not sent, and never will be: opted out meanwhile, no address, or out of attempts.
    .addColumn('dropped_at', 'timestamptz')
    .addColumn('dropped_reason', 'text')
    .execute();
  // The sender's query: what is due, oldest first, among what is still to send.
  await sql`create index mail_outbox_due on ${sql.id('identity', 'mail_outbox')} (next_attempt_at) where sent_at is null and dropped_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('notifications').execute();
  await db.schema.dropTable('event_positions').execute();
  await db.schema.alterTable('users').dropColumn('email_notifications').dropColumn('language').execute();
}
