import type { Request, Response } from 'express';
import { LANGUAGE_HEADER, resolveLanguage, type Language } from '../core/language';

/**
 * The reader's language of a public request, resolved once at the edge (core/language.ts): `?lang=`
 * on the URL, else the `X-Egov-Language` header, else `Accept-Language`, else English. Subgraphs
 * hear only this result, inside the identity token the gateway signs for each call; nothing a
 * client sends reaches them as a header.
 */
export function readerLanguage(req: Request): Language {
  return resolveLanguage(req.query?.lang, req.header(LANGUAGE_HEADER), req.header('accept-language'));
}

/**
 * Says which language the answer is in, and that another choice may get another answer: browsers
 * and CDNs keep answers per language (`Vary`), as the gateway's own cache does.
 */
export function tellLanguage(res: Response, language: Language): void {
  res.setHeader('content-language', language);
  res.vary('Accept-Language');
  res.vary(LANGUAGE_HEADER);
}
