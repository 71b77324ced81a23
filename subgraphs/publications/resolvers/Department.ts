import { pageSize } from '../../kit/paging';
import type { DepartmentResolvers } from '../generated/resolvers';
import { decodeListCursor } from '../paging';

export const Department: DepartmentResolvers = {
  // identity owns departments; this subgraph needs only the id to list what one publishes.
  __resolveReference: (ref) => ({ id: ref.id }),
  publications: (d, args, ctx) =>
    ctx.loaders.departmentPublications.load({
      departmentId: d.id,
      filter: args.filter ? { ...args.filter, departmentId: null } : null,
      size: pageSize(args.first),
      after: decodeListCursor(args.after),
    }),
};
