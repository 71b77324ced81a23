import type { PublicationRow } from '../db/tables';
import { canRead } from '../visibility';
import type { PublicationsContext } from '../loaders';

export const Publication = {
  // Other subgraphs referring to a publication get it only when their caller may read it.
  __resolveReference: async (ref: { id: string }, ctx: PublicationsContext) => {
    const row = await ctx.loaders.publication.load(ref.id);
    return row && canRead(ctx.identity, row) ? row : null;
  },
  // A scheduled item whose time has come is published; nothing needs to flip its stored status.
  status: (p: PublicationRow) => (p.status === 'SCHEDULED' && p.is_public ? 'PUBLISHED' : p.status),
  department: (p: PublicationRow) => ({ __typename: 'Department', id: p.department_id }),
  author: (p: PublicationRow) => (p.author_id ? { __typename: 'User', id: p.author_id } : null),
  publishedAt: (p: PublicationRow) => p.published_at,
  updatedAt: (p: PublicationRow) => p.updated_at,
  attachments: (p: PublicationRow, _: unknown, ctx: PublicationsContext) => ctx.loaders.attachments.load(p.id),
  history: (p: PublicationRow, _: unknown, ctx: PublicationsContext) => ctx.loaders.history.load(p.id),
};
