import { sql, type Kysely } from 'kysely';

/**
 * A department's public items of one kind, newest first (`departments { publications(filter:
 * { kinds: [NEWS] }) }`, the home page's pattern): read from this index, a page stops after a
 * page's worth of rows. From the department's own index it would walk past every item of the other
 * kinds, the whole list for a department that publishes none of that kind.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('publications_department_kind_keyset')
    .on('publications')
    .columns(['department_id', 'kind', 'published_at desc', 'id desc'])
    .where(sql<boolean>`status in ('PUBLISHED', 'SCHEDULED')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('publications_department_kind_keyset').execute();
}
