import { pageSize } from '../../kit/paging';
import type { PublicFilter } from '../db/publications.repository';
import type { PublicationsContext } from '../loaders';
import { decodeListCursor } from '../paging';

export const Department = {
  // identity owns departments; this subgraph needs only the id to list what one publishes.
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  publications: (
    d: { id: string },
    args: { filter?: PublicFilter | null; first?: number | null; after?: string | null },
    ctx: PublicationsContext,
  ) =>
    ctx.loaders.departmentPublications.load({
      departmentId: d.id,
      filter: args.filter ? { ...args.filter, departmentId: null } : null,
      size: pageSize(args.first),
      after: decodeListCursor(args.after),
    }),
};
