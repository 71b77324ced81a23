import type { DocumentNode } from 'graphql';
import { messageFor, paramList } from '../../core/messages';
import type { Language } from '../../core/language';
import type { UserError } from './errors';

/** What these need of a request's context (kit/server.ts BaseContext). */
interface ReaderContext {
  language: Language;
}

/** Whether a subgraph's SDL declares `UserError` (then the kit resolves its message and params). */
export const declaresUserError = (typeDefs: DocumentNode) =>
  typeDefs.definitions.some((d) => d.kind === 'ObjectTypeDefinition' && d.name.value === 'UserError');

/** `UserError.message` in the reader's language, and `UserError.params`. */
export const userErrorResolvers = {
  UserError: {
    message: (e: UserError, _: unknown, ctx: ReaderContext) => e.messages?.[ctx.language] ?? messageFor(ctx.language, e.code, e.message, e.params),
    params: (e: UserError) => paramList(e.params),
  },
};
