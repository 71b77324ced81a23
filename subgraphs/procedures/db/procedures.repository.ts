import { sql, type SqlBool } from 'kysely';
import { keysetAfter } from '../../kit/paging';
import type { Db, ProcedureRow, ProcedureTable } from './tables';

/** Every column a procedure is read with (never the search document). */
export const PROCEDURE_COLUMNS = [
  'id', 'code', 'department_id', 'title', 'summary', 'category', 'eligibility', 'legal_basis',
  'processing_time_days', 'channels', 'online_application', 'current_form_version', 'created_at', 'updated_at',
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

export async function countProcedures(db: Db, filter: ProcedureFilter): Promise<number> {
  const r = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Typed text as a tsquery. `websearch_to_tsquery` accepts any input (quotes, `-word`, `or`,
 * stray operators) without a syntax error; NUL bytes, which PostgreSQL text cannot hold, are
 * dropped, and very long input is cut, since nobody searches with a page of text.
 */
export function searchQuery(text: string) {
  const clean = text.replace(/\u0000/g, ' ').slice(0, 1000);
  return sql`websearch_to_tsquery('english', ${clean})`;
}

export type RankedProcedure = ProcedureRow & { rank: number; total: number };

/**
 * Best matches first: (rank desc, id asc), as a keyset. Ranking reads every match anyway, so each
 * row also carries how many there are (`total`, before the cursor): `totalCount` without a second
 * scan of the catalogue.
 */
export function searchProcedures(db: Db, text: string, size: number, after: unknown[] | null): Promise<RankedProcedure[]> {
  const query = searchQuery(text);
  const ranked = db
    .selectFrom('procedures')
    .select(PROCEDURE_COLUMNS)
    .select(sql<number>`ts_rank(search, ${query})`.as('rank'))
    .select(sql<number>`count(*) over ()`.as('total'))
    .where(sql<SqlBool>`search @@ ${query}`)
    .as('r');
  let q = db.selectFrom(ranked).selectAll();
  if (after) {
    const [rank, id] = after as [number, string];
    q = q.where(({ eb, or, and }) =>
      or([eb('rank', '<', sql<number>`${rank}::real`), and([eb('rank', '=', sql<number>`${rank}::real`), eb('id', '>', id)])]),
    );
  }
  return q.orderBy('rank', 'desc').orderBy('id').limit(size + 1).execute() as Promise<RankedProcedure[]>;
}

export async function countSearch(db: Db, text: string): Promise<number> {
  const r = await db
    .selectFrom('procedures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<SqlBool>`search @@ ${searchQuery(text)}`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type NewProcedure = Omit<ProcedureTable, 'search' | 'created_at' | 'updated_at' | 'online_application' | 'current_form_version'>;

export async function insertProcedure(db: Db, p: NewProcedure): Promise<void> {
  await db.insertInto('procedures').values({ ...p, online_application: false, current_form_version: null }).execute();
}

export type ProcedureChanges = Partial<Pick<ProcedureTable,
  'title' | 'summary' | 'category' | 'eligibility' | 'legal_basis' | 'processing_time_days' | 'channels' | 'current_form_version'>>;

export async function updateProcedure(db: Db, id: string, changes: ProcedureChanges): Promise<void> {
  await db.updateTable('procedures').set({ ...changes, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/**
 * Re-derives what follows from the rest after a write: whether it can be applied for online,
 * and the weighted search document (title A, summary and category B, steps C, FAQs D).
 */
export async function refreshDerived(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('procedures as p')
    .set((eb) => {
      const steps = eb
        .selectFrom('procedure_steps as s')
        .select(sql<string>`string_agg(s.title || ' ' || s.description, ' ')`.as('t'))
        .whereRef('s.procedure_id', '=', 'p.id');
      const faqs = eb
        .selectFrom('procedure_faqs as f')
        .select(sql<string>`string_agg(f.question || ' ' || f.answer, ' ')`.as('t'))
        .whereRef('f.procedure_id', '=', 'p.id');
      return {
        online_application: sql<boolean>`'ONLINE' = any(p.channels) and p.current_form_version is not null`,
        search: sql<string>`setweight(to_tsvector('english', p.title), 'A')
          || setweight(to_tsvector('english', p.summary || ' ' || p.category), 'B')
          || setweight(to_tsvector('english', coalesce(${steps}, '')), 'C')
          || setweight(to_tsvector('english', coalesce(${faqs}, '')), 'D')`,
      };
    })
    .where('p.id', 'in', ids)
    .execute();
}

