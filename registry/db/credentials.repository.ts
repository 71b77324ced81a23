import { sql } from 'kysely';
import type { CredentialRow, RegistryDb } from './tables';

/** Plain queries over department credentials. */

export async function insertCredential(db: RegistryDb, row: { id: string; subgraph: string; token_hash: string; issued_by: string }): Promise<CredentialRow> {
  return (await db
    .insertInto('credentials')
    .values({ ...row, revoked_by: null, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow()) as CredentialRow;
}

/** The credential with this hash, revoked or not (the caller decides). */
export async function findCredentialByHash(db: RegistryDb, tokenHash: string): Promise<CredentialRow | null> {
  return ((await db
    .selectFrom('credentials')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .modifyEnd(sql`/* findCredentialByHash */`)
    .executeTakeFirst()) as CredentialRow | undefined) ?? null;
}

/** Every credential ever issued (for one subgraph name, if given), newest first. */
export async function listCredentials(db: RegistryDb, subgraph?: string): Promise<CredentialRow[]> {
  let q = db.selectFrom('credentials').selectAll().orderBy('issued_at', 'desc').orderBy('id');
  if (subgraph !== undefined) q = q.where('subgraph', '=', subgraph);
  return (await q.modifyEnd(sql`/* listCredentials */`).execute()) as CredentialRow[];
}

/** Marks it revoked unless it already is; returns the row as it is now, or null if there is none. */
export async function revokeCredential(db: RegistryDb, subgraph: string, id: string, by: string): Promise<CredentialRow | null> {
  await db
    .updateTable('credentials')
    .set({ revoked_by: by, revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('subgraph', '=', subgraph)
    .where('revoked_at', 'is', null)
    .modifyEnd(sql`/* revokeCredential */`)
    .execute();
  return ((await db
    .selectFrom('credentials')
    .selectAll()
    .where('id', '=', id)
    .where('subgraph', '=', subgraph)
    .executeTakeFirst()) as CredentialRow | undefined) ?? null;
}
