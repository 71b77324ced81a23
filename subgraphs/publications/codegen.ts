import type { Connection } from '../kit/paging';
import type { ResolverTypesConfig } from '../kit/resolver-types';
import type { PublicationRow } from './db/tables';

/** A page of publications as `toConnection` builds it (`totalCount` is counted only when asked). */
export type PublicationPage = Connection<PublicationRow>;

/** What publications' resolvers receive: its rows, and the id of a department or user another subgraph owns. */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#PublicationsContext',
  mappers: {
    UserError: '../kit/errors#UserErrorValue',
    Publication: './db/tables#PublicationRow',
    Attachment: './db/tables#AttachmentRow',
    PublicationChange: './db/tables#ChangeRow',
    WithdrawnPublication: './db/tables#PublicationRow',
    PublicationConnection: './codegen#PublicationPage',
    Department: '{ id: string }',
    User: '{ id: string }',
  },
};
