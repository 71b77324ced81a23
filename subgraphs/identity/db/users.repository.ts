import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { IdentityDB, UserRow } from './tables';
import type { Language } from '../../kit/language';

export type Db = Kysely<IdentityDB>;

export function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('id', 'in', [...ids]).execute() as Promise<UserRow[]>;
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst() as Promise<UserRow | undefined>;
}

/** Inserts a user; undefined when the email is taken (the unique index decides, not a prior read). */
export function insertUser(
  db: Db,
  user: { id: string; email: string; passwordHash: string; displayName: string; roles: string[]; departmentId?: string | null; language?: Language },
): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email.toLowerCase(),
      password_hash: user.passwordHash,
      display_name: user.displayName,
      roles: user.roles,
      department_id: user.departmentId ?? null,
      ...(user.language ? { language: user.language } : {}),
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst() as Promise<UserRow | undefined>;
}

/**
 * Changes an account and raises its session version in the same statement, so every token issued
 * before the change is refused from the next session check on. Undefined when there is no such user.
 */
export function changeAccount(
  db: Db,
  id: string,
  changes: Partial<{ roles: string[]; department_id: string | null; active: boolean; password_hash: string }>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...changes, session_version: sql<number>`session_version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst() as Promise<UserRow | undefined>;
}

/** The same password, hashed anew (new parameters): sessions go on, so the version stays. */
export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** Each user's session version and whether the account is active, for the gateway's session check. */
export function findSessionStates(db: Db, ids: readonly string[]): Promise<{ id: string; session_version: number; active: boolean }[]> {
  return db.selectFrom('users').select(['id', 'session_version', 'active']).where('id', 'in', [...ids]).execute();
}

/** Changes a person's notification settings (what is undefined stays); undefined when there is no such user. */
export function changeNotificationSettings(db: Db, id: string, change: { language?: Language; emailNotifications?: boolean }): Promise<UserRow | undefined> {
  if (!change.language && change.emailNotifications === undefined) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst() as Promise<UserRow | undefined>;
  }
  return db
    .updateTable('users')
    .set({
      ...(change.language ? { language: change.language } : {}),
      ...(change.emailNotifications !== undefined ? { email_notifications: change.emailNotifications } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst() as Promise<UserRow | undefined>;
}
