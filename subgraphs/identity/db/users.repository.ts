import type { Kysely } from 'kysely';
import type { IdentityDB, UserRow } from './tables';

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
  user: { id: string; email: string; passwordHash: string; displayName: string; roles: string[]; departmentId?: string | null },
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
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst() as Promise<UserRow | undefined>;
}
