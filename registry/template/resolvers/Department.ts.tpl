import type { __Pascal__Context } from '../loaders';

/** Department is owned by identity; this subgraph adds the department's entries. */
export const Department = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  __camel__Entries: (d: { id: string }, _: unknown, ctx: __Pascal__Context) => ctx.loaders.departmentEntries.load(d.id),
};
