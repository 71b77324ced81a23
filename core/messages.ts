import type { ApolloServerPlugin } from '@apollo/server';
import type { Language } from './language';
import { en, type MessageCode } from './messages/en';
import { zh } from './messages/zh';

/**
 * Messages in the reader's language. Every error and userError carries a stable code and its
 * parameters; the server's text follows the request's language: the English written where the
 * problem is found, or the catalogue's text for the code (core/messages/en.ts, zh.ts) with the
 * parameters filled in. Shared by the gateway and the subgraphs; clients key their own words by
 * the same codes.
 */
export type MessageParams = Record<string, string | number>;

const CATALOGUES: Record<Language, Record<MessageCode, string>> = { en, zh };

export const isMessageCode = (code: unknown): code is MessageCode => typeof code === 'string' && Object.hasOwn(en, code);

/** The catalogue's text for `code` in `language`, parameters filled in; null for a code it does not know, or a parameter missing. */
export function catalogueMessage(language: Language, code: unknown, params: MessageParams = {}): string | null {
  if (!isMessageCode(code)) return null;
  let missing = false;
  const text = CATALOGUES[language][code].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (Object.hasOwn(params, name)) return String(params[name]);
    missing = true;
    return whole;
  });
  // A template naming what the error did not carry would show `{max}`: the written English says it better.
  return missing ? null : text;
}

/**
 * What the reader is told: the message written in English where the problem was found, for an
 * English reader; otherwise the catalogue's text in the reader's language, else that English.
 */
export function messageFor(language: Language, code: unknown, english: string, params?: MessageParams): string {
  if (language === 'en') return english;
  return catalogueMessage(language, code, params) ?? english;
}

/** Parameters as the graph lists them (`UserError.params`): name and value, both text. */
export const paramList = (params: MessageParams | undefined) =>
  Object.entries(params ?? {}).map(([name, value]) => ({ name, value: String(value) }));

/**
 * Server-written messages of GraphQL errors in the reader's language: as the response is sent, each
 * error keeps its code and parameters (`extensions.params`) and, for a reader who is not English,
 * its message becomes the catalogue's text. Used by the gateway (its own refusals) and by every
 * subgraph (kit/server.ts); a message already in the catalogue's words stays the same.
 */
export function localizeMessages<Ctx>(languageOf: (ctx: Ctx) => Language | undefined): ApolloServerPlugin<Ctx & object> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          const language = contextValue ? languageOf(contextValue) : undefined;
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
