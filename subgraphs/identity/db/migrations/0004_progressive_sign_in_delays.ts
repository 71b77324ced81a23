import { sql, type Kysely } from 'kysely';

/**
 * Failed sign-ins no longer lock a key for a fixed time: each failure past a free allowance pushes
 * the key's next permitted attempt out by a growing delay (login-throttle.repository.ts). Rows of
 * the old lockout are dropped: they hold 15-minute locks the new rules never impose.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('login_failures').execute();
  await db.schema.alterTable('login_failures').renameColumn('window_started_at', 'last_failure_at').execute();
  await db.schema.alterTable('login_failures').renameColumn('locked_until', 'next_attempt_at').execute();
  await db.schema.alterTable('login_failures').alterColumn('next_attempt_at', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('login_failures').alterColumn('next_attempt_at', (c) => c.setDefault(sql`now()`)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('login_failures').execute();
  await db.schema.alterTable('login_failures').alterColumn('next_attempt_at', (c) => c.dropDefault()).execute();
  await db.schema.alterTable('login_failures').alterColumn('next_attempt_at', (c) => c.dropNotNull()).execute();
  await db.schema.alterTable('login_failures').renameColumn('next_attempt_at', 'locked_until').execute();
  await db.schema.alterTable('login_failures').renameColumn('last_failure_at', 'window_started_at').execute();
}
