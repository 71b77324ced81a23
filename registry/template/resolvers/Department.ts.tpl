import type { DepartmentResolvers } from '../generated/resolvers';

/** Department is owned by identity; this subgraph adds the department's entries. */
export const Department: DepartmentResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  __camel__Entries: (d, _, ctx) => ctx.loaders.departmentEntries.load(d.id),
};
