/**
 * The languages the platform speaks, and how a request chooses one. Shared by the gateway (which
 * resolves the reader's language once per request), the subgraphs (which answer in it) and the
 * clients.
 *
 * A request chooses, first match wins:
 * 1. `?lang=zh` on the URL (`/graphql?lang=zh`, `/feeds/news.atom?lang=zh`): an explicit choice
 *    per request, which also works for links and GET requests;
 * 2. the `X-Egov-Language` header (`zh`, `en`): the same choice for clients that set headers;
 * 3. `Accept-Language` (RFC 9110 weights: `zh-CN,zh;q=0.9,en;q=0.8`): the browser's preference;
 * 4. English.
 * The gateway answers with `Content-Language` (and `Vary` on both headers), keys its response cache
 * by the result, and tells every subgraph inside the identity token it signs for the call (`lang`,
 * core/identity-tokens.ts): only the gateway's resolved value ever reaches a subgraph, never a
 * header a client sent.
 */
import Negotiator from 'negotiator';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** The explicit per-request choice, as a header. */
export const LANGUAGE_HEADER = 'x-egov-language';

/** A language tag (`zh-Hant-HK`, `EN_us`, `ZH`) as one of ours, or null. */
export function languageOf(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : null;
}

/**
 * The best of our languages for an `Accept-Language` value, or null when it names none of them.
 * Read by `negotiator` (the parser Express and Apollo Server already use for `Accept`): RFC 9110
 * weights, `q=0` refusals, `*`, and a region (`zh-HK`) matching its language (`zh`), ties going
 * to the order the client wrote. Very long headers are cut first: no one prefers 100 languages.
 */
export function fromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const best = new Negotiator({ headers: { 'accept-language': header.slice(0, 1000) } }).language([...LANGUAGES]);
  return best ? (best as Language) : null;
}

/** The request's language from its explicit choice, its header choice and its Accept-Language. */
export function resolveLanguage(query: unknown, header: unknown, acceptLanguage: unknown): Language {
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null);
  return languageOf(str(query)) ?? languageOf(str(header)) ?? fromAcceptLanguage(str(acceptLanguage)) ?? DEFAULT_LANGUAGE;
}
