import type { __Pascal__EntryResolvers } from '../generated/resolvers';

export const Entry: __Pascal__EntryResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.entry.load(ref.id),
  // identity resolves the rest of the department from its id.
  department: (e) => ({ id: e.department_id }),
  createdAt: (e) => e.created_at,
};
