import type { Kysely } from 'kysely';

/**
 * Citizens' supporting documents live in the same store as public forms, marked private: the
 * public `/files/<id>` route never serves them, whoever holds the id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('files').addColumn('private', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('files').dropColumn('private').execute();
}
