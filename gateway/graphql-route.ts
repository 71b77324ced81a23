import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Identity } from '../core/identity';
import { contextFor } from './auth';
import type { PasswordAdmission } from './admission';
import { checkInput } from './input-guard';
import { readerLanguage, tellLanguage } from './reader-language';
import { DEFAULT_LANGUAGE, type Language } from '../core/language';
import { messageFor, type MessageParams } from '../core/messages';
import type { GatewayContext } from './context';
import { mayExplore, type ProtectionConfig } from './protection';
import type { RateLimiter } from './rate-limit';
import type { ResponseCache } from './response-cache';
import type { TrustedDocuments } from './trusted-documents';
import { log } from '../core/log';

/**
 * A refusal before GraphQL runs, shaped like a GraphQL response so every client can read it: its
 * code, its parameters (which the catalogue's words need, e.g. BATCH_LIMIT's `max`) and the message
 * in the reader's language.
 */
export const refuse = (res: Response, status: number, code: string, message: string, params?: MessageParams) =>
  res.status(status).json({
    errors: [
      {
        message: messageFor(res.locals.language ?? DEFAULT_LANGUAGE, code, message, params),
        extensions: { code, ...(params ? { params } : {}), requestId: res.locals.requestId },
      },
    ],
  });

/** Which documents a caller may run: a refusal's status, code and message, or null to go on. */
/**
 * Which documents a caller may send: null (go on), a refusal (`[status, code, message]`), or the
 * identity to run them as instead (a subgraph's read granted to run as the user it serves).
 */
export type DocumentPolicy = (
  identity: Identity,
  queries: unknown[],
  requestId: string,
  req?: Request,
) => [number, string, string] | { runAs: Identity } | null;

/**
 * What a request to a GraphQL route goes through, in order: who is calling (an invalid credential
 * is refused), the rate limit, the body limit, batch size, input no subgraph may see (NUL,
 * variables' depth and size: gateway/input-guard.ts) and which documents the caller may send,
 * the response cache for anonymous reads, and then Apollo. The public `/graphql` and the
 * internal listener's routes differ only in how they identify callers, their document policy,
 * and whether requests' subgraph calls may be merged.
 */
export function graphqlRoute(opts: {
  apollo: ApolloServer<GatewayContext>;
  identify: (req: Request) => Promise<Identity>;
  rateLimiter: RateLimiter;
  protection: ProtectionConfig;
  documents: DocumentPolicy;
  responseCache: ResponseCache | null;
  /** Each request's subgraph calls are its own, never merged with others' (internal listener). */
  alone: boolean;
  /** Documents sent by id are looked up here. */
  trusted: TrustedDocuments;
  /** Password work let through at once (sign-ins): the excess is refused before the GraphQL pipeline. */
  admission: PasswordAdmission;
  /**
   * The reader's language is read from the request (gateway/reader-language.ts); otherwise it is
   * the caller's identity's (a subgraph's read: the language of the request it serves).
   */
  readsLanguage: boolean;
}): RequestHandler[] {
  const { protection, trusted } = opts;
  const rateLimit = opts.rateLimiter.middleware();
  return [
    async (req: Request, res: Response, next: NextFunction) => {
      // Read first, so even a refusal of the caller is in their language.
      if (opts.readsLanguage) res.locals.language = readerLanguage(req);
      try {
        const identity = await opts.identify(req);
        // Subgraphs' reads of each other's data keep the language of the request they serve.
        const language = opts.readsLanguage ? (res.locals.language as Language) : identity.language;
        res.locals.identity = { ...identity, language };
        res.locals.language = language;
        tellLanguage(res, language);
        next();
      } catch (err) {
        // A revoked token is a 401 like an invalid one; a session that cannot be checked now, a 503.
        const status = err instanceof GraphQLError ? Number((err.extensions.http as { status?: number } | undefined)?.status ?? 401) : 401;
        const code = err instanceof GraphQLError && typeof err.extensions.code === 'string' ? err.extensions.code : 'UNAUTHENTICATED';
        refuse(res, status, code, err instanceof GraphQLError ? err.message : 'Invalid credentials.');
      }
    },
    rateLimit,
    express.json({ limit: protection.bodyLimitBytes }),
    (req: Request, res: Response, next: NextFunction) => {
      const body = req.body as unknown;
      if (Array.isArray(body) && body.length > protection.maxBatch) {
        return refuse(res, 400, 'BATCH_LIMIT', `A batch may hold at most ${protection.maxBatch} operations.`, { max: protection.maxBatch });
      }
      const ops = (Array.isArray(body) ? body : [body]).filter((op): op is Record<string, unknown> => !!op && typeof op === 'object');
      for (const op of ops) resolveTrustedId(op, trusted);
      for (const op of req.method === 'GET' ? [req.query as Record<string, unknown>] : ops) {
        const bad = checkInput(op);
        if (bad) return refuse(res, ...bad);
      }
      // GET requests carry the query in the URL.
      const queries = req.method === 'GET' ? [req.query.query] : ops.map((op) => op.query);
      const refusal = opts.documents(res.locals.identity as Identity, queries, res.locals.requestId, req);
      if (refusal && 'runAs' in refusal) res.locals.identity = refusal.runAs;
      else if (refusal) return refuse(res, ...refusal);
      next();
    },
    opts.admission.middleware(protection.maxTokens),
    opts.responseCache ? opts.responseCache.middleware() : (_req: Request, _res: Response, next: NextFunction) => next(),
    expressMiddleware(opts.apollo, {
      context: async ({ req, res }) => contextFor(res.locals.identity as Identity, opts.alone),
    }),
  ];
}

/**
 * The public policy: the clients' trusted documents. With `enforce`, the public and citizens may
 * send nothing else; analysts and admins keep ad-hoc queries. With `log`, it is only logged.
 */
export const trustedDocumentsPolicy =
  (trusted: TrustedDocuments): DocumentPolicy =>
  (identity, queries, requestId) => {
    const untrusted = trusted.mode !== 'off' && queries.some((q) => typeof q === 'string' && !trusted.isTrusted(q));
    if (!untrusted || mayExplore({ identity } as GatewayContext)) return null;
    if (trusted.mode === 'enforce') return [400, 'OPERATION_NOT_TRUSTED', 'Only the operations of the platform’s clients may be sent.'];
    log.warn({ component: 'gateway', requestId }, 'untrusted operation (safelist: log)');
    return null;
  };

/**
 * A client may send a trusted document's id instead of its text: `documentId`, or Apollo's APQ
 * `extensions.persistedQuery.sha256Hash` without a query. Unknown ids fall through to APQ.
 */
export function resolveTrustedId(op: Record<string, unknown>, trusted: TrustedDocuments): void {
  if (!op || typeof op !== 'object' || op.query) return;
  const apq = (op.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  const id = typeof op.documentId === 'string' ? op.documentId : typeof apq === 'string' ? apq : null;
  const body = id ? trusted.lookup(id) : undefined;
  if (!body) return;
  op.query = body;
  // Apollo would otherwise check the APQ hash against the text; the manifest already vouches for it.
  if (op.extensions) delete (op.extensions as Record<string, unknown>).persistedQuery;
  delete op.documentId;
}
