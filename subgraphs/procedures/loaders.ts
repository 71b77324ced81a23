import DataLoader from 'dataloader';
import { byKey, groupBy, groupByKey, perArguments } from '../kit/loaders';
import type { BaseContext } from '../kit/server';
import type { SubgraphDeps } from '../kit/module';
import { findFormVersions, listFormVersions } from './db/application-forms.repository';
import { findParts, type PartRows, type PartTable } from './db/parts.repository';
import { countProceduresByDepartments, findProceduresByCodes, findProceduresByIds, listProceduresByDepartments, type ProcedureFilter } from './db/procedures.repository';
import type { ApplicationFormRow, Db, ProcedureRow } from './db/tables';

export interface FormKey {
  procedureId: string;
  version: number;
}

const formKey = (k: FormKey) => `${k.procedureId}:${k.version}`;

const parts = <T extends PartTable>(db: Db, table: T) =>
  new DataLoader<string, PartRows[T][]>(async (ids) => groupByKey(ids, await findParts(db, table, ids), (r) => r.procedure_id));

/**
 * Per-request loaders: every lookup by key, including `__resolveReference`, batches here, so the
 * steps (or fees, forms...) of a page of 100 procedures cost one statement, as for one.
 */
export function createLoaders(db: Db, publicReads: Db = db) {
  return {
    departmentProcedures: departmentLists(publicReads),
    procedure: new DataLoader<string, ProcedureRow | null>(async (ids) => byKey(ids, await findProceduresByIds(db, ids), (p) => p.id)),
    procedureByCode: new DataLoader<string, ProcedureRow | null>(async (codes) =>
      byKey(codes, await findProceduresByCodes(db, codes), (p) => p.code),
    ),
    steps: parts(db, 'procedure_steps'),
    documents: parts(db, 'procedure_documents'),
    fees: parts(db, 'procedure_fees'),
    faqs: parts(db, 'procedure_faqs'),
    forms: parts(db, 'procedure_forms'),
    formVersion: new DataLoader<FormKey, ApplicationFormRow | null, string>(
      async (keys) => byKey(keys.map(formKey), await findFormVersions(db, keys), (f) => formKey({ procedureId: f.procedure_id, version: f.version })),
      { cacheKeyFn: formKey },
    ),
    formVersions: new DataLoader<string, ApplicationFormRow[]>(async (ids) => groupByKey(ids, await listFormVersions(db, ids), (f) => f.procedure_id)),
  };
}

/** A department's catalogue page; every department in a response asks with the same arguments. */
export interface DepartmentListKey {
  departmentId: string;
  filter: Omit<ProcedureFilter, 'departmentId'>;
  size: number;
  after: unknown[] | null;
}

/**
 * `departments { procedures }`: the pages of all departments asking with the same arguments in one
 * statement, and their sizes in another, however many departments there are.
 */
function departmentLists(db: Db) {
  const argsOf = (k: DepartmentListKey) => JSON.stringify([k.filter, k.size, k.after]);
  const filterOf = (k: DepartmentListKey) => JSON.stringify(k.filter);
  const counts = new DataLoader<DepartmentListKey, number, string>(
    async (keys) =>
      (await perArguments(keys, filterOf, (k) => k.departmentId, (ids, k) => countProceduresByDepartments(db, ids, k.filter))).map((n) => n ?? 0),
    { cacheKeyFn: (k) => `${k.departmentId}|${filterOf(k)}` },
  );
  return new DataLoader<DepartmentListKey, { rows: ProcedureRow[]; total: () => Promise<number> }, string>(
    async (keys) => {
      // Keys with the same arguments share one statement; rows are filed by department.
      const pages = await perArguments(keys, argsOf, (k) => k.departmentId, async (ids, { filter, size, after }) =>
        groupBy(await listProceduresByDepartments(db, ids, filter, size, after), (r) => r.parent_id),
      );
      return keys.map((k, i) => ({ rows: pages[i] ?? [], total: () => counts.load(k) }));
    },
    { cacheKeyFn: (k) => `${k.departmentId}|${argsOf(k)}` },
  );
}

export interface ProceduresContext extends BaseContext {
  db: Db;
  /** The replica (or the primary) for the public catalogue and search (SubgraphDeps.publicReads). */
  publicReads: Db;
  deps: SubgraphDeps;
  loaders: ReturnType<typeof createLoaders>;
}
