import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { messageFor, paramList, type MessageParams } from '../../core/messages';
import type { Language } from '../../core/language';
import type { UserError } from './errors';

/** What these need of a request's context (kit/server.ts BaseContext). */
interface ReaderContext {
  language: Language;
}

/**
 * Server-written messages in the reader's language (core/messages.ts). A GraphQL error keeps its
 * code and parameters (`extensions.params`); its message is replaced, as the response is sent, by
 * the catalogue's text in `ctx.language` when the reader is not English.
 */
export function localizeMessages<Ctx extends ReaderContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          const language = contextValue?.language;
          if (!language || language === 'en' || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          result.errors = result.errors.map((e) => ({
            ...e,
            message: messageFor(language, e.extensions?.code, e.message, e.extensions?.params as MessageParams | undefined),
          }));
        },
      };
    },
  };
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
