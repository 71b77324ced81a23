import type { EntryRow } from '../db/tables';
import type { __Pascal__Context } from '../loaders';

export const Entry = {
  __resolveReference: (ref: { id: string }, ctx: __Pascal__Context) => ctx.loaders.entry.load(ref.id),
  // identity resolves the rest of the department from its id.
  department: (e: EntryRow) => ({ id: e.department_id }),
  createdAt: (e: EntryRow) => e.created_at,
};
