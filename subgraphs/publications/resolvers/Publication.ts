import type { PublicationsContext } from '../loaders';
import type { PublicationResolvers } from '../generated/resolvers';
import { canRead, requireEditorialStaff } from '../visibility';
import { localizedResolvers } from '../../kit/language';

/** The text a reader gets in their language (kit/language.ts). */
export const PUBLICATION_TEXT = [['title', 'title'], ['summary', 'summary'], ['body', 'body']] as const;

/** A publication by id when this caller may read it, else null (like one that does not exist). */
export async function readable(ctx: PublicationsContext, id: string) {
  const row = await ctx.loaders.publication.load(id);
  return row && canRead(ctx.identity, row) ? row : null;
}

export const Publication: PublicationResolvers = {
  ...(localizedResolvers(PUBLICATION_TEXT) as PublicationResolvers),
  // Other subgraphs referring to a publication get it only when their caller may read it.
  __resolveReference: (ref, ctx) => readable(ctx, ref.id),
  // A scheduled item whose time has come is published; nothing needs to flip its stored status.
  status: (p) => (p.status === 'SCHEDULED' && p.is_public ? 'PUBLISHED' : p.status),
  department: (p) => ({ __typename: 'Department', id: p.department_id }),
  author: (p) => (p.author_id ? { __typename: 'User', id: p.author_id } : null),
  publishedAt: (p) => p.published_at,
  updatedAt: (p) => p.updated_at,
  // Attachments' names are written in their publication's language.
  attachments: async (p, _, ctx) => (await ctx.loaders.attachments.load(p.id)).map((a) => ({ ...a, language: p.language })),
  // Readers see the changes made while it was public; staff every step (with who and why).
  history: async (p, _, ctx) => (await ctx.loaders.history.load(p.id)).filter((c) => c.public),
  editorialHistory: (p, _, ctx) => {
    requireEditorialStaff(ctx.identity, p.department_id);
    return ctx.loaders.history.load(p.id);
  },
  supersededBy: (p, _, ctx) => (p.superseded_by ? readable(ctx, p.superseded_by) : null),
  withdrawnAt: (p) => (p.is_public ? null : p.withdrawn_at),
};
