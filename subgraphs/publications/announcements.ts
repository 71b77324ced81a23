import { sql } from 'kysely';
import type { EventOutbox } from '../kit/event-outbox';
import type { Db } from './db/tables';

/** Items announced per transaction; a longer queue (a bulk import) takes several. */
const BATCH = 100;

/** How often the job looks for scheduled items whose moment came. */
export const ANNOUNCE_EVERY_MS = 500;

/**
 * Emits `publication.published` for every item that is public and not yet announced, in `trx`,
 * marking each announced in the same transaction: exactly once per item, whoever runs it (a
 * publish-now in its own transaction, or the job for scheduled items, on every replica at once:
 * `skip locked` leaves an item another transaction is announcing to it). Oldest first, so
 * subscribers hear them in the order they became public. Returns how many it announced.
 */
export async function announceDue(trx: Db, events: EventOutbox): Promise<number> {
  const due = await sql<{ id: string; department_id: string; kind: string; topics: string[]; published_at: Date }>`
    update ${sql.id('publications', 'publications')} p set announced_at = now()
    from (
      select id from ${sql.id('publications', 'publications')}
      where announced_at is null and status in ('PUBLISHED', 'SCHEDULED') and published_at <= now()
      order by published_at, id
      limit ${BATCH}
      for update skip locked
    ) d
    where p.id = d.id
    returning p.id, p.department_id, p.kind, p.topics, p.published_at`.execute(trx);
  const rows = due.rows.sort((a, b) => a.published_at.getTime() - b.published_at.getTime() || a.id.localeCompare(b.id));
  for (const r of rows) {
    await events.emit(trx, 'publication.published', {
      publicationId: r.id,
      departmentId: r.department_id,
      kind: r.kind,
      topics: r.topics,
      publishedAt: new Date(r.published_at).toISOString(),
    });
  }
  return rows.length;
}

/** The job: announces scheduled items whose moment came, then relays them at once. */
export async function announceScheduled(db: Db, events: EventOutbox): Promise<void> {
  const announced = await db.transaction().execute((trx) => announceDue(trx, events));
  if (announced > 0) await events.kick();
}

/**
 * Items written as history (demo data, a bulk import) became public before anyone could listen:
 * they are marked announced, not sent to subscribers as news.
 */
export async function markHistoryAnnounced(db: Db): Promise<void> {
  await db
    .updateTable('publications')
    .set({ announced_at: sql<Date>`published_at` })
    .where('announced_at', 'is', null)
    .where('status', 'in', ['PUBLISHED', 'SCHEDULED'])
    .where('published_at', '<=', sql<Date>`now()`)
    .execute();
}
