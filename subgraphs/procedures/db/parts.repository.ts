import type { Db, DocumentRow, FaqRow, FeeRow, FormRow, ProceduresDB, StepRow } from './tables';

/** The ordered parts of a procedure: each table keyed by (procedure_id, position). */
export type PartTable = 'procedure_steps' | 'procedure_documents' | 'procedure_fees' | 'procedure_faqs' | 'procedure_forms';
export interface PartRows {
  procedure_steps: StepRow;
  procedure_documents: DocumentRow;
  procedure_fees: FeeRow;
  procedure_faqs: FaqRow;
  procedure_forms: FormRow;
}

/** The parts of many procedures in one statement, in order. */
export function findParts<T extends PartTable>(db: Db, table: T, procedureIds: readonly string[]): Promise<PartRows[T][]> {
  return (db as any)
    .selectFrom(table)
    .selectAll()
    .where('procedure_id', 'in', [...procedureIds])
    .orderBy('procedure_id')
    .orderBy('position')
    .execute();
}

/** Replaces a procedure's whole list; the order given becomes positions 1, 2, 3... */
export async function replaceParts<T extends PartTable>(
  db: Db,
  table: T,
  procedureId: string,
  items: Omit<ProceduresDB[T], 'procedure_id' | 'position'>[],
): Promise<void> {
  const d = db as any;
  await d.deleteFrom(table).where('procedure_id', '=', procedureId).execute();
  if (items.length === 0) return;
  await d
    .insertInto(table)
    .values(items.map((item, i) => ({ ...item, procedure_id: procedureId, position: i + 1 })))
    .execute();
}
