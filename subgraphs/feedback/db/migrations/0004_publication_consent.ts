import { sql, type Kysely } from 'kysely';

/**
 * The sender's consent to publication: an item is made public only with it (asked at submission,
 * or given later). Items already public were published under the former rule (an officer's
 * choice); they keep being public and are recorded as consented, so nothing visible changes
 * while the sender can still withdraw it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback').addColumn('publication_consent', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.updateTable('feedback').set({ publication_consent: sql`true` }).where('is_public', '=', true).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback').dropColumn('publication_consent').execute();
}
