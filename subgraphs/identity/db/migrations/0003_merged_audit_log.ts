import type { Kysely } from 'kysely';

/**
 * The audit log becomes the merged log: entries are written by the subgraph that acted, in its own
 * `audit_log` (subgraphs/kit/audit.ts), and the gateway's relay copies them here. `source` names
 * where an entry was written (`gateway` for the entries the gateway recorded before), and
 * (source, seq) makes a relayed entry land once however many relays copy it. Identity's own acts
 * are written straight here by the kit's recorder, so the table has the kit's columns
 * (`entry_id`, `error_code`) too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audit_log')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('gateway'))
    .addColumn('seq', 'bigint')
    .addColumn('entry_id', 'uuid')
    .addColumn('error_code', 'text')
    .execute();
  await db.schema.alterTable('audit_log').alterColumn('source', (c) => c.setDefault('identity')).execute();
  await db.schema.createIndex('audit_log_source_seq_key').on('audit_log').columns(['source', 'seq']).unique().execute();
  await db.schema.createIndex('audit_log_entry_id_key').on('audit_log').column('entry_id').unique().execute();
  // Admins look up what one request did, and who touched one record.
  await db.schema.createIndex('audit_log_request_idx').on('audit_log').column('request_id').execute();
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target', 'at desc']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['audit_log_target_idx', 'audit_log_request_idx', 'audit_log_entry_id_key', 'audit_log_source_seq_key']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.alterTable('audit_log').dropColumn('error_code').dropColumn('entry_id').dropColumn('seq').dropColumn('source').execute();
}
