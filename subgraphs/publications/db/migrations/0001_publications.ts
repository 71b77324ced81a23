import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Made once from the title and never changed, so links stay valid when a title is edited.
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('NEWS', 'ANNOUNCEMENT', 'POLICY', 'NOTICE')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('author_id', 'uuid')
    // When it is (or is scheduled to become) public; null for a draft never published.
    .addColumn('published_at', sql`timestamptz(3)`)
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    // Weighted so a word in the title outranks one in the summary, which outranks the body.
    .addColumn('search', sql`tsvector`, (c) =>
      c.generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, title), 'A')
          || setweight(to_tsvector('english'::regconfig, summary), 'B')
          || setweight(to_tsvector('english'::regconfig, body), 'C')`,
      ).stored(),
    )
    .addCheckConstraint('published_has_time', sql`status in ('DRAFT') or published_at is not null`)
    .execute();

  // The public list and every public filter walk these keyset indexes, newest first. Their predicate
  // is the stored part of "public"; the time part (published_at <= now()) is checked per row.
  const stored = sql<boolean>`status in ('PUBLISHED', 'SCHEDULED')`;
  const keyset = (name: string, lead: string[]) =>
    db.schema.createIndex(name).on('publications').columns([...lead, 'published_at desc', 'id desc']).where(stored).execute();
  await keyset('publications_public_keyset', []);
  await keyset('publications_department_keyset', ['department_id']);
  await keyset('publications_kind_keyset', ['kind']);
  await db.schema.createIndex('publications_topics').on('publications').using('gin').column('topics').execute();
  await db.schema.createIndex('publications_search').on('publications').using('gin').column('search').execute();
  // Staff listing their own department's drafts and scheduled items.
  await db.schema.createIndex('publications_department_status').on('publications').columns(['department_id', 'status']).execute();

  await db.schema
    .createTable('publication_attachments')
    .addColumn('publication_id', 'uuid', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'uuid', (c) => c.notNull())
    // Copied from the file store when attached (files never change), so reading needs no second store.
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_attachments_pk', ['publication_id', 'position'])
    .execute();

  await db.schema
    .createTable('publication_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('publication_id', 'uuid', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('changed_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('changed_by', 'uuid')
    .addColumn('fields', sql`text[]`, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publication_changes_by_publication').on('publication_changes').columns(['publication_id', 'changed_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publication_changes').execute();
  await db.schema.dropTable('publication_attachments').execute();
  await db.schema.dropTable('publications').execute();
}
