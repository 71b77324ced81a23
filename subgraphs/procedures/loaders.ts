import DataLoader from 'dataloader';
import { byKey, groupByKey } from '../kit/loaders';
import type { BaseContext } from '../kit/server';
import type { SubgraphDeps } from '../kit/module';
import { findFormVersions, listFormVersions } from './db/application-forms.repository';
import { findParts, type PartRows, type PartTable } from './db/parts.repository';
import { findProceduresByCodes, findProceduresByIds } from './db/procedures.repository';
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
export function createLoaders(db: Db) {
  return {
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

export interface ProceduresContext extends BaseContext {
  db: Db;
  /** The replica (or the primary) for the public catalogue and search (SubgraphDeps.publicReads). */
  publicReads: Db;
  deps: SubgraphDeps;
  loaders: ReturnType<typeof createLoaders>;
}
