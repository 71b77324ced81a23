import { sql, type Kysely } from 'kysely';

/**
 * Departments in two languages (subgraphs/kit/language.ts): `language` is the one name,
 * description, address and office hours are written in; `translations` holds the other
 * (`{"zh": {"name", "description", "address", "office_hours"}}`), absent while untranslated. Phone
 * and email read the same in every language.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('departments')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en').check(sql`language in ('en', 'zh')`))
    .addColumn('translations', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(translations) = 'object'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('departments').dropColumn('translations').dropColumn('language').execute();
}
