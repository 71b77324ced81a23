import { badInput } from '../../kit/errors';
import { pageSize, toConnection } from '../../kit/paging';
import { listPublic } from '../db/publications.repository';
import { searchKey, searchPublic } from '../db/search.repository';
import { canRead, requireEditorialStaff } from '../visibility';
import { countEditorial, editorialKey, findWithdrawnBySlug, listEditorial, type EditorialKey } from '../db/editorial-list.repository';
import { decodeCursor } from '../../kit/paging';
import { isUuid } from '../../kit/ids';
import type { QueryResolvers } from '../generated/resolvers';
import { connectionOf, decodeListCursor, decodeSearchCursor } from '../paging';

/** Search text as typed, minus what PostgreSQL text cannot hold (NUL, control characters); bounded in length. */
const MAX_SEARCH = 4000;
const cleanSearch = (text: string) => text.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_SEARCH).trim();
const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text);

export const Query: QueryResolvers = {
  publications: async (_, args, ctx) => {
    const size = pageSize(args.first);
    const after = decodeListCursor(args.after);
    const rows = await listPublic(ctx.publicReads, args.filter, size + 1, after);
    return connectionOf(rows, size, after, () => ctx.counts.list(args.filter));
  },

  publication: async (_, args, ctx) => {
    if (args.id == null && args.slug == null) throw badInput('Give the publication id or slug.');
    const row = args.id != null ? await ctx.loaders.publication.load(args.id) : await ctx.loaders.publicationBySlug.load(args.slug!);
    // Not visible to this caller reads exactly like not there, so unpublished ids and slugs cannot be probed.
    return row && canRead(ctx.identity, row) ? row : null;
  },

  editorialPublications: async (_, args, ctx) => {
    if (!isUuid(args.departmentId)) throw badInput('departmentId is not a valid id.');
    requireEditorialStaff(ctx.identity, args.departmentId);
    const size = pageSize(args.first);
    const after = decodeCursor(args.after, ['instant', 'uuid']) as EditorialKey | null;
    const status = args.filter?.status;
    const rows = await listEditorial(ctx.db, args.departmentId, status, size + 1, after);
    return toConnection(rows, size, editorialKey, () => countEditorial(ctx.db, args.departmentId, status), after !== null);
  },

  // Only an address that was public and is not now: anything else (a draft never published) reads null.
  withdrawnPublication: async (_, args, ctx) => {
    const row = await findWithdrawnBySlug(ctx.db, args.slug);
    return row && !row.is_public ? row : null;
  },

  searchPublications: async (_, args, ctx) => {
    const size = pageSize(args.first);
    const after = decodeSearchCursor(args.after);
    const text = cleanSearch(args.text);
    // Nothing to look for (empty, only punctuation): an empty list without asking the database.
    if (!hasWords(text)) return toConnection([], size, searchKey, async () => 0, after !== null);
    const rows = await searchPublic(ctx.publicReads, text, size + 1, after);
    return toConnection(rows, size, searchKey, () => ctx.counts.search(text), after !== null);
  },
};
