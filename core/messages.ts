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

/** The catalogue's text for `code` in `language`, parameters filled in; null for a code it does not know. */
export function catalogueMessage(language: Language, code: unknown, params: MessageParams = {}): string | null {
  if (!isMessageCode(code)) return null;
  return CATALOGUES[language][code].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
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
