import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { searchTsQuery } from '../../kit/cjk-search';
import { UUID } from '../../kit/ids';
import { keysetAfter } from '../../kit/paging';
import { firstPerParent } from '../../kit/per-parent';
import type { Db, ProcedureRow, ProcedureTable } from './tables';

/** Every column a procedure is read with (never the search document). */
export const PROCEDURE_COLUMNS = [
  'id', 'code', 'department_id', 'title', 'summary', 'category', 'eligibility', 'legal_basis',
  'processing_time_days', 'channels', 'online_application', 'current_form_version', 'language', 'translations',
  'created_at', 'updated_at',
] as const;

export interface ProcedureFilter {
  departmentId?: string | null;
  category?: string | null;
  onlineOnly?: boolean | null;
}

export function findProceduresByIds(db: Db, ids: readonly string[]): Promise<ProcedureRow[]> {
  return db.selectFrom('procedures').select(PROCEDURE_COLUMNS).where('id', 'in', [...ids]).execute();
}

export function findProceduresByCodes(db: Db, codes: readonly string[]): Promise<ProcedureRow[]> {
  return db.selectFrom('procedures').select(PROCEDURE_COLUMNS).where('code', 'in', [...codes]).execute();
}

function filtered(db: Db, filter: ProcedureFilter) {
  let q = db.selectFrom('procedures');
  if (filter.departmentId) q = q.where('department_id', '=', filter.departmentId);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.onlineOnly) q = q.where('online_application', '=', true);
  return q;
}

/** One page by (title, id): `size + 1` rows, so the caller knows whether another page follows. */
export function listProcedures(db: Db, filter: ProcedureFilter, size: number, after: unknown[] | null): Promise<ProcedureRow[]> {
  let q = filtered(db, filter).select(PROCEDURE_COLUMNS);
  if (after) q = q.where(keysetAfter(['title', 'id'], after, 'asc'));
  return q.orderBy('title').orderBy('id').limit(size + 1).execute();
}

/**
 * The first page of several departments' catalogues in one statement, each read from its
 * (department_id, title, id) index range (kit/per-parent.ts): `departments { procedures }` costs
 * one statement however many departments, and a page whatever their catalogues hold.
 */
export function listProceduresByDepartments(
  db: Db,
  departmentIds: readonly string[],
  filter: ProcedureFilter,
  size: number,
  after: unknown[] | null,
): Promise<(ProcedureRow & { parent_id: string })[]> {
  return firstPerParent(db, {
    ids: departmentIds.filter((id) => UUID.test(id)),
    page: (department) => {
      let q = filtered(db, { ...filter, departmentId: null }).select(PROCEDURE_COLUMNS).where(sql<SqlBool>`department_id = ${department}`);
      if (after) q = q.where(keysetAfter(['title', 'id'], after, 'asc'));
      return q.orderBy('title').orderBy('id').limit(size + 1);
    },
    order: [['title', 'asc'], ['id', 'asc']],
  });
}

/**
 * Catalogue sizes of several departments in one statement. A department's catalogue is short (a
 * few hundred procedures at most, unlike publications or applications), so it is counted, from
 * the same index.
 */
export async function countProceduresByDepartments(db: Db, departmentIds: readonly string[], filter: ProcedureFilter): Promise<Map<string, number>> {
  const ids = departmentIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return new Map();
  const rows = await filtered(db, { ...filter, departmentId: null })
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('department_id', 'in', ids)
    .groupBy('department_id')
    .execute();
  return new Map(rows.map((r) => [r.department_id, Number(r.n)]));
}

export async function countProcedures(db: Db, filter: ProcedureFilter): Promise<number> {
  const r = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Typed text as a tsquery (subgraphs/kit/cjk-search.ts): `websearch_to_tsquery` accepts any input
 * (quotes, `-word`, `or`, stray operators) without a syntax error; Chinese is read as bigrams.
 */
export const searchQuery = (text: string) => searchTsQuery(text);

export type RankedProcedure = ProcedureRow & { tier: number; rank: number; total: number };

/**
 * Best matches first: procedures whose title matches (in either language) before the others,
 * then by rank, then id, as a keyset (tier asc, rank desc, id asc). Ranking reads every match
 * anyway, so each row also carries how many there are (`total`, before the cursor): `totalCount`
 * without a second scan of the catalogue.
 */
export function searchProcedures(db: Db, text: string, size: number, after: unknown[] | null): Promise<RankedProcedure[]> {
  const query = searchQuery(text);
  const ranked = db
    .selectFrom('procedures')
    .select(PROCEDURE_COLUMNS)
    .select(sql<number>`case when title_search @@ ${query} then 0 else 1 end`.as('tier'))
    .select(sql<number>`ts_rank(search, ${query})`.as('rank'))
    .select(sql<number>`count(*) over ()`.as('total'))
    .where(sql<SqlBool>`search @@ ${query}`)
    .as('r');
  let q = db.selectFrom(ranked).selectAll();
  if (after) {
    const [tier, rank, id] = after as [number, number, string];
    q = q.where(
      sql<SqlBool>`(r.tier > ${tier}::int or (r.tier = ${tier}::int and (r.rank < ${rank}::real or (r.rank = ${rank}::real and r.id > ${id}::uuid))))`,
    );
  }
  return q.orderBy('tier').orderBy('rank', 'desc').orderBy('id').limit(size + 1).execute() as Promise<RankedProcedure[]>;
}

export async function countSearch(db: Db, text: string): Promise<number> {
  const r = await db
    .selectFrom('procedures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<SqlBool>`search @@ ${searchQuery(text)}`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type NewProcedure = Omit<ProcedureTable, 'search' | 'title_search' | 'created_at' | 'updated_at' | 'online_application' | 'current_form_version' | 'language' | 'translations'> & {
  /** The language the text is written in; English when omitted. */
  language?: ProcedureRow['language'];
  /** The other language's text; absent while untranslated. */
  translations?: ProcedureRow['translations'];
};

export async function insertProcedure(db: Db, p: NewProcedure): Promise<void> {
  await db
    .insertInto('procedures')
    .values({ ...p, language: p.language ?? 'en', translations: JSON.stringify(p.translations ?? {}) as never, online_application: false, current_form_version: null })
    .execute();
}

export type ProcedureChanges = Partial<Pick<ProcedureTable,
  'title' | 'summary' | 'category' | 'eligibility' | 'legal_basis' | 'processing_time_days' | 'channels' | 'current_form_version'>> &
  Partial<Pick<ProcedureRow, 'language' | 'translations'>>;

export async function updateProcedure(db: Db, id: string, changes: ProcedureChanges): Promise<void> {
  const { translations, ...columns } = changes;
  await db
    .updateTable('procedures')
    .set({ ...columns, ...(translations ? { translations: JSON.stringify(translations) as never } : {}), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * Re-derives what follows from the rest after a write: whether it can be applied for online,
 * and the weighted search document (title A, summary and category B, steps C, FAQs D), in both languages.
 */
export async function refreshDerived(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('procedures as p')
    .set((eb) => {
      // Each part's text in every language it is written in (procedures.translated: kit/translations-migration.ts).
      const both = (alias: string, a: string, b: string) =>
        sql<string>`${sql.ref(`${alias}.${a}`)} || ' ' || ${sql.ref(`${alias}.${b}`)} || ' '
          || procedures.translated(${sql.ref(`${alias}.translations`)}, ${a}) || ' ' || procedures.translated(${sql.ref(`${alias}.translations`)}, ${b})`;
      const steps = eb
        .selectFrom('procedure_steps as s')
        .select(sql<string>`string_agg(${both('s', 'title', 'description')}, ' ')`.as('t'))
        .whereRef('s.procedure_id', '=', 'p.id');
      const faqs = eb
        .selectFrom('procedure_faqs as f')
        .select(sql<string>`string_agg(${both('f', 'question', 'answer')}, ' ')`.as('t'))
        .whereRef('f.procedure_id', '=', 'p.id');
      const doc = (text: RawBuilder<unknown>) => sql`to_tsvector('english', procedures.cjk_grams(${text}))`;
      const tr = (field: string) => sql`procedures.translated(p.translations, ${field})`;
      return {
        online_application: sql<boolean>`'ONLINE' = any(p.channels) and p.current_form_version is not null`,
        search: sql<string>`setweight(${doc(sql`p.title || ' ' || ${tr('title')}`)}, 'A')
          || setweight(${doc(sql`p.summary || ' ' || p.category || ' ' || ${tr('summary')} || ' ' || ${tr('category')}`)}, 'B')
          || setweight(${doc(sql`coalesce(${steps}, '')`)}, 'C')
          || setweight(${doc(sql`coalesce(${faqs}, '')`)}, 'D')`,
      };
    })
    .where('p.id', 'in', ids)
    .execute();
}

