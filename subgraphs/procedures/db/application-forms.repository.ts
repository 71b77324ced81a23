import { sql } from 'kysely';
import type { ApplicationFormRow, Db } from './tables';

const COLUMNS = ['procedure_id', 'version', 'schema', 'published_at', 'published_by'] as const;

/** Exact versions, e.g. the ones applications were checked against. */
export function findFormVersions(db: Db, keys: readonly { procedureId: string; version: number }[]): Promise<ApplicationFormRow[]> {
  const pairs = keys.map((k) => sql`(${k.procedureId}::uuid, ${k.version}::int)`);
  return db
    .selectFrom('application_forms')
    .select(COLUMNS)
    .where(sql<boolean>`(procedure_id, version) in (${sql.join(pairs)})`)
    .execute();
}

/** Every version of many procedures, newest first. */
export function listFormVersions(db: Db, procedureIds: readonly string[]): Promise<ApplicationFormRow[]> {
  return db
    .selectFrom('application_forms')
    .select(COLUMNS)
    .where('procedure_id', 'in', [...procedureIds])
    .orderBy('procedure_id')
    .orderBy('version', 'desc')
    .execute();
}

/**
 * Appends the next version. The primary key (procedure_id, version) makes two concurrent
 * publications collide rather than share a number; the caller locks the procedure row first.
 */
export async function insertFormVersion(db: Db, procedureId: string, schema: unknown, publishedBy: string | null): Promise<ApplicationFormRow> {
  const last = await db
    .selectFrom('application_forms')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('procedure_id', '=', procedureId)
    .executeTakeFirst();
  return db
    .insertInto('application_forms')
    .values({ procedure_id: procedureId, version: Number(last?.v ?? 0) + 1, schema: JSON.stringify(schema), published_by: publishedBy })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}
