import { sql, type Kysely } from 'kysely';
import { eventOutboxMigration } from '../../../kit/event-outbox';

/**
 * Events (issue 19): the outbox (kit/event-outbox.ts), and when each item was announced as public
 * (`publication.published`). An item turns public at `published_at` without any write (scheduled
 * items), so "announced" is its own fact: the announcer (announcements.ts) sets it in the
 * transaction that emits the event, which makes each item announced exactly once. Items already
 * public count as announced; the partial index holds only those still to announce.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await eventOutboxMigration().up(db);
  await db.schema.alterTable('publications').addColumn('announced_at', sql`timestamptz(3)`).execute();
  await sql`update ${sql.id('publications', 'publications')} set announced_at = published_at
            where status in ('PUBLISHED', 'SCHEDULED') and published_at <= now()`.execute(db);
  await db.schema
    .createIndex('publications_unannounced_idx')
    .on('publications')
    .columns(['published_at', 'id'])
    .where(sql<boolean>`announced_at is null and status in ('PUBLISHED', 'SCHEDULED')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('publications_unannounced_idx').execute();
  await db.schema.alterTable('publications').dropColumn('announced_at').execute();
  await eventOutboxMigration().down!(db);
}
