import { sql, type Kysely } from 'kysely';

/**
 * The full catalogue: the procedure's own fields, its ordered parts (steps, documents, fees, FAQs,
 * downloadable forms), the versioned application forms, and a weighted full-text document.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('procedures')
    .addColumn('department_id', 'uuid', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('processing_time_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Kept in step with channels and the current form by the repository, so the filter is indexable.
    .addColumn('online_application', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('current_form_version', 'integer')
    // Title, summary, steps and FAQs with weights A, B, C, D; rebuilt by the repository on every write.
    .addColumn('search', sql`tsvector`, (c) => c.notNull().defaultTo(sql`''::tsvector`))
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('procedures').addUniqueConstraint('procedures_code_key', ['code']).execute();
  // Keyset pages are ordered by (title, id), overall and within each filter.
  await db.schema.createIndex('procedures_title_idx').on('procedures').columns(['title', 'id']).execute();
  await db.schema.createIndex('procedures_department_idx').on('procedures').columns(['department_id', 'title', 'id']).execute();
  await db.schema.createIndex('procedures_category_idx').on('procedures').columns(['category', 'title', 'id']).execute();
  await db.schema
    .createIndex('procedures_online_idx')
    .on('procedures')
    .columns(['title', 'id'])
    .where(sql.ref('online_application'), '=', true)
    .execute();
  await db.schema.createIndex('procedures_search_idx').on('procedures').using('gin').column('search').execute();

  const part = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('procedure_id', 'uuid', (c) => c.notNull().references('procedures.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${name}_pkey`, ['procedure_id', 'position']);

  await part('procedure_steps')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute();
  await part('procedure_documents')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('mandatory', 'boolean', (c) => c.notNull())
    .execute();
  await part('procedure_fees')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount', sql`numeric(12, 2)`, (c) => c.notNull())
    .addColumn('currency', sql`char(3)`, (c) => c.notNull())
    .execute();
  await part('procedure_faqs')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .execute();
  // Stored files never change, so their metadata is copied here at attach time: listing forms
  // needs no call to the file store.
  await part('procedure_forms')
    .addColumn('file_id', 'uuid', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute();

  // Append-only: a version, once published, is never updated.
  await db.schema
    .createTable('application_forms')
    .addColumn('procedure_id', 'uuid', (c) => c.notNull().references('procedures.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('schema', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'uuid')
    .addPrimaryKeyConstraint('application_forms_pkey', ['procedure_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['application_forms', 'procedure_forms', 'procedure_faqs', 'procedure_fees', 'procedure_documents', 'procedure_steps']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.dropIndex('procedures_search_idx').execute();
  await db.schema.dropIndex('procedures_online_idx').execute();
  await db.schema.dropIndex('procedures_category_idx').execute();
  await db.schema.dropIndex('procedures_department_idx').execute();
  await db.schema.dropIndex('procedures_title_idx').execute();
  await db.schema.alterTable('procedures').dropConstraint('procedures_code_key').execute();
  for (const c of ['department_id', 'summary', 'category', 'eligibility', 'legal_basis', 'processing_time_days', 'channels', 'online_application', 'current_form_version', 'search', 'created_at', 'updated_at']) {
    await db.schema.alterTable('procedures').dropColumn(c).execute();
  }
}
