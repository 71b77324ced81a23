import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('tracking_number', 'text', (c) => c.notNull().unique())
    .addColumn('procedure_id', 'uuid', (c) => c.notNull())
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('applicant_id', 'uuid', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('form_data', 'jsonb', (c) => c.notNull())
    .addColumn('form_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // Millisecond precision: these are cursor keys and must round-trip through a JS Date.
    .addColumn('submitted_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('due_at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('decided_at', sql`timestamptz(3)`)
    .addColumn('supplement_requested_at', sql`timestamptz(3)`)
    .execute();

  // Idempotency: one application per (applicant, key), decided by the index, not by a prior read.
  await db.schema
    .createIndex('applications_idempotency')
    .on('applications')
    .columns(['applicant_id', 'idempotency_key'])
    .unique()
    .execute();
  // The queue: one department, oldest due first (keyset on due_at, id).
  await db.schema.createIndex('applications_queue').on('applications').columns(['department_id', 'due_at', 'id']).execute();
  // A citizen's own list, newest first (keyset on submitted_at, id).
  await db.schema.createIndex('applications_applicant').on('applications').columns(['applicant_id', 'submitted_at', 'id']).execute();
  // Statistics per procedure and per department over a period.
  await db.schema.createIndex('applications_procedure_stats').on('applications').columns(['procedure_id', 'submitted_at']).execute();
  await db.schema.createIndex('applications_department_stats').on('applications').columns(['department_id', 'submitted_at']).execute();

  await db.schema
    .createTable('application_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('at', sql`timestamptz(3)`, (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('actor_id', 'uuid', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_history_application').on('application_history').columns(['application_id', 'id']).execute();

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
  await db.schema.dropTable('application_history').execute();
  await db.schema.dropTable('applications').execute();
}
