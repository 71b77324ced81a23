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
 * The gateway passes the result to every subgraph as `Accept-Language: <lang>` and answers with
 * `Content-Language`.
 */
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

/** The best of our languages for an `Accept-Language` value, or null when it names none of them. */
export function fromAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  let best: { lang: Language; q: number; i: number } | null = null;
  header
    .slice(0, 1000)
    .split(',')
    .forEach((part, i) => {
      const [tag, ...params] = part.split(';');
      const lang = languageOf(tag);
      if (!lang) return;
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      if (!Number.isFinite(q) || q <= 0) return;
      if (!best || q > best.q) best = { lang, q, i };
    });
  return (best as { lang: Language } | null)?.lang ?? null;
}

/** The request's language from its explicit choice, its header choice and its Accept-Language. */
export function resolveLanguage(query: unknown, header: unknown, acceptLanguage: unknown): Language {
  const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null);
  return languageOf(str(query)) ?? languageOf(str(header)) ?? fromAcceptLanguage(str(acceptLanguage)) ?? DEFAULT_LANGUAGE;
}
