import { decodeCursor, pageSize, toConnection } from '../../kit/paging';
import { countProcedures, countSearch, listProcedures, searchProcedures, type ProcedureFilter } from '../db/procedures.repository';
import type { ProcedureRow } from '../db/tables';
import type { ProceduresContext } from '../loaders';

/** Primes the by-id loader, so entity lookups later in the same request cost nothing. */
function prime(ctx: ProceduresContext, rows: ProcedureRow[]) {
  for (const r of rows) ctx.loaders.procedure.prime(r.id, r);
}

/** The catalogue, by (title, id). */
export async function procedureConnection(ctx: ProceduresContext, filter: ProcedureFilter, first?: number | null, after?: string | null) {
  const size = pageSize(first);
  const rows = await listProcedures(ctx.publicReads, filter, size, decodeCursor(after, ['text', 'uuid']));
  prime(ctx, rows);
  return toConnection(rows, size, (r) => [r.title, r.id], () => countProcedures(ctx.publicReads, filter), !!after);
}

/** Search results, best first; text with no searchable words finds nothing, without a query. */
export async function searchConnection(ctx: ProceduresContext, text: string, first?: number | null, after?: string | null) {
  const size = pageSize(first, 10);
  if (!/[\p{L}\p{N}]/u.test(text)) return toConnection([], size, () => [], async () => 0, !!after);
  const rows = await searchProcedures(ctx.publicReads, text, size, decodeCursor(after, ['number', 'number', 'uuid']));
  prime(ctx, rows);
  // Past the last match no row carries the total: only then is it counted on its own.
  const total = async () => (rows.length ? Number(rows[0].total) : after ? countSearch(ctx.publicReads, text) : 0);
  return toConnection(rows, size, (r) => [Number(r.tier), r.rank, r.id], total, !!after);
}
