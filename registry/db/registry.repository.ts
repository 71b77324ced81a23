import { sql } from 'kysely';
import type { RegistryDb, SubgraphVersionRow, SupergraphRow } from './tables';

/** Plain queries over the registry tables; `db` may be a transaction. */

export async function latestSupergraphVersion(db: RegistryDb): Promise<number | null> {
  const row = await db
    .selectFrom('supergraphs')
    .select('version')
    .orderBy('version', 'desc')
    .limit(1)
    .modifyEnd(sql`/* latestSupergraphVersion */`)
    .executeTakeFirst();
  return row?.version ?? null;
}

export async function findSupergraph(db: RegistryDb, version?: number): Promise<SupergraphRow | null> {
  let q = db.selectFrom('supergraphs').selectAll().orderBy('version', 'desc').limit(1);
  if (version !== undefined) q = q.where('version', '=', version);
  return ((await q.modifyEnd(sql`/* findSupergraph */`).executeTakeFirst()) as SupergraphRow | undefined) ?? null;
}

export async function insertSupergraph(db: RegistryDb, row: Omit<SupergraphRow, 'version' | 'published_at'>): Promise<SupergraphRow> {
  return (await db
    .insertInto('supergraphs')
    .values({ ...row, members: JSON.stringify(row.members) as never })
    .returningAll()
    .executeTakeFirstOrThrow()) as SupergraphRow;
}

/** The given (name, version) pairs, e.g. a supergraph's members. */
export async function findSubgraphVersions(db: RegistryDb, members: Record<string, number>): Promise<SubgraphVersionRow[]> {
  const pairs = Object.entries(members);
  if (!pairs.length) return [];
  return (await db
    .selectFrom('subgraph_versions')
    .selectAll()
    .where((eb) => eb.or(pairs.map(([name, version]) => eb.and([eb('name', '=', name), eb('version', '=', version)]))))
    .orderBy('name')
    .modifyEnd(sql`/* findSubgraphVersions */`)
    .execute()) as SubgraphVersionRow[];
}

export async function findSubgraphVersion(db: RegistryDb, name: string, version: number): Promise<SubgraphVersionRow | null> {
  return ((await db
    .selectFrom('subgraph_versions')
    .selectAll()
    .where('name', '=', name)
    .where('version', '=', version)
    .executeTakeFirst()) as SubgraphVersionRow | undefined) ?? null;
}

/** Every stored version of one subgraph, newest first. */
export async function subgraphHistory(db: RegistryDb, name: string): Promise<SubgraphVersionRow[]> {
  return (await db
    .selectFrom('subgraph_versions')
    .selectAll()
    .where('name', '=', name)
    .orderBy('version', 'desc')
    .modifyEnd(sql`/* subgraphHistory */`)
    .execute()) as SubgraphVersionRow[];
}

export async function insertSubgraphVersion(
  db: RegistryDb,
  row: { name: string; routing_url: string; sdl: string; published_by: string },
): Promise<SubgraphVersionRow> {
  const last = await db
    .selectFrom('subgraph_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('name', '=', row.name)
    .executeTakeFirst();
  return (await db
    .insertInto('subgraph_versions')
    .values({ ...row, version: (last?.version ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow()) as SubgraphVersionRow;
}

/** Serialises writers (publish, rollback, registration) across every replica, for this transaction. */
export async function lockRegistry(db: RegistryDb): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('egov-schema-registry'))`.execute(db);
}

/** Whether `by` ever published a version of `name`. */
export async function publishedBy(db: RegistryDb, name: string, by: string): Promise<boolean> {
  const row = await db
    .selectFrom('subgraph_versions')
    .select('version')
    .where('name', '=', name)
    .where('published_by', '=', by)
    .limit(1)
    .modifyEnd(sql`/* publishedBy */`)
    .executeTakeFirst();
  return row !== undefined;
}
