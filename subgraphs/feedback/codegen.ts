import type { Connection } from '../kit/paging';
import type { ResolverTypesConfig } from '../kit/resolver-types';
import type { FeedbackRow } from './db/tables';

/** A page of feedback as `toConnection` builds it (`totalCount` is counted only when asked). */
export type FeedbackPage = Connection<FeedbackRow>;

/** What feedback's resolvers receive: its rows, and the id of an entity another subgraph owns. */
export const resolverTypes: ResolverTypesConfig = {
  context: './loaders#FeedbackContext',
  mappers: {
    UserError: '../kit/errors#UserErrorValue',
    Feedback: './db/tables#FeedbackRow',
    FeedbackReply: './db/tables#ReplyRow',
    FeedbackConnection: './codegen#FeedbackPage',
    Department: '{ id: string }',
    User: '{ id: string }',
    Publication: '{ id: string }',
    Procedure: '{ id: string }',
    Application: '{ id: string }',
  },
};
