import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feedback')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('procedure_id', 'uuid')
    .addColumn('publication_id', 'uuid')
    .addColumn('application_id', 'uuid')
    .addColumn('submitter_id', 'uuid', (c) => c.notNull())
    // Null keys never collide (NULLs are distinct), so only keyed submissions are deduplicated.
    .addColumn('idempotency_key', 'text')
    // Stored status; ANSWERED turns CLOSED lazily after the quiet period (see feedback.repository.ts).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('due_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('first_answered_at', sql`timestamptz(3)`)
    .addColumn('last_reply_at', sql`timestamptz(3)`)
    .addColumn('closed_at', sql`timestamptz(3)`)
    .addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('satisfaction', 'smallint', (c) => c.check(sql`satisfaction between 1 and 5`))
    .addUniqueConstraint('feedback_idempotency', ['submitter_id', 'idempotency_key'])
    .execute();

  // Officer queue: one department, earliest due first (keyset on due_at, id).
  await db.schema.createIndex('feedback_queue').on('feedback').columns(['department_id', 'due_at', 'id']).execute();
  // Admin/analyst queue across departments.
  await db.schema.createIndex('feedback_due').on('feedback').columns(['due_at', 'id']).execute();
  // A citizen's own list, newest first; also the hourly limit's count.
  await db.schema.createIndex('feedback_submitter').on('feedback').columns(['submitter_id', 'submitted_at', 'id']).execute();
  // Public lists, newest first; only public rows are indexed.
  await db.schema
    .createIndex('feedback_public')
    .on('feedback')
    .columns(['submitted_at', 'id'])
    .where(sql.ref('is_public'), '=', true)
    .execute();
  await db.schema
    .createIndex('feedback_opinions')
    .on('feedback')
    .columns(['publication_id', 'submitted_at', 'id'])
    .where(sql.ref('is_public'), '=', true)
    .execute();
  // Department statistics over a period.
  await db.schema.createIndex('feedback_stats').on('feedback').columns(['department_id', 'submitted_at']).execute();

  await db.schema
    .createTable('feedback_replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('feedback_id', 'uuid', (c) => c.notNull().references('feedback.id'))
    .addColumn('author_id', 'uuid', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feedback_replies_item').on('feedback_replies').columns(['feedback_id', 'created_at']).execute();

  // Per-department time limits (working days) that override the defaults in time-limits.ts.
  await db.schema
    .createTable('time_limits')
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull().check(sql`working_days > 0`))
    .addPrimaryKeyConstraint('time_limits_pk', ['department_id', 'kind'])
    .execute();

  // Tracking-number sequences, one per department and year.
  await db.schema
    .createTable('tracking_counters')
    .addColumn('department_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tracking_counters_pk', ['department_code', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tracking_counters').execute();
  await db.schema.dropTable('time_limits').execute();
  await db.schema.dropTable('feedback_replies').execute();
  await db.schema.dropTable('feedback').execute();
}
