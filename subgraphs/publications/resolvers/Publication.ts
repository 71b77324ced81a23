import type { PublicationResolvers } from '../generated/resolvers';
import { canRead } from '../visibility';
import { localizedResolvers } from '../../kit/language';

/** The text a reader gets in their language (kit/language.ts). */
export const PUBLICATION_TEXT = [['title', 'title'], ['summary', 'summary'], ['body', 'body']] as const;

export const Publication: PublicationResolvers = {
  ...(localizedResolvers(PUBLICATION_TEXT) as PublicationResolvers),
  // Other subgraphs referring to a publication get it only when their caller may read it.
  __resolveReference: async (ref, ctx) => {
    const row = await ctx.loaders.publication.load(ref.id);
    return row && canRead(ctx.identity, row) ? row : null;
  },
  // A scheduled item whose time has come is published; nothing needs to flip its stored status.
  status: (p) => (p.status === 'SCHEDULED' && p.is_public ? 'PUBLISHED' : p.status),
  department: (p) => ({ __typename: 'Department', id: p.department_id }),
  author: (p) => (p.author_id ? { __typename: 'User', id: p.author_id } : null),
  publishedAt: (p) => p.published_at,
  updatedAt: (p) => p.updated_at,
  // Attachments' names are written in their publication's language.
  attachments: async (p, _, ctx) => (await ctx.loaders.attachments.load(p.id)).map((a) => ({ ...a, language: p.language })),
  history: (p, _, ctx) => ctx.loaders.history.load(p.id),
};
