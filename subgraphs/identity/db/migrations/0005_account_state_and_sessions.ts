import type { Kysely } from 'kysely';

/**
 * Accounts admins deactivate, and a session version per user: every sign-in token carries the
 * version it was issued under (`sv`), and a deactivation, a change of role or department, a new
 * password or "sign out everywhere" raises it, so gateways refuse the older tokens within
 * SESSION_CHECK_SECONDS.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('session_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('session_version').dropColumn('active').execute();
}
