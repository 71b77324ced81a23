import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { DELEGATION_HEADER } from '../core/headers';
import { ANONYMOUS, type Identity } from '../core/identity';
import type { DelegationCaller, IdentityIssuer } from '../core/identity-tokens';
import type { ServiceRead } from '../core/service-reads';
import { canonical, documentId } from '../core/operations';
import type { DocumentPolicy } from './graphql-route';
import { log } from '../core/log';

/**
 * Subgraph-to-subgraph reads, on the internal listener (`/service/graphql`). A subgraph that needs
 * data another owns (applications: a procedure's form; feedback: whether a publication exists)
 * presents the identity token the gateway gave it for the request it is serving, and may run only
 * the documents granted to it by name. The call runs as the anonymous public, named after the
 * subgraph: it sees what any visitor sees (never a draft), is rate limited per subgraph and logged.
 */
export class ServiceGrants {
  /** Per subgraph, each granted document's id and whom it runs as. */
  private readonly byService = new Map<string, Map<string, RunsAs>>();
  private readonly ids = new LRUCache<string, string>({ max: 1000 });

  /** `grants`: per subgraph name, the operations it may run (`core/service-reads.ts`). */
  constructor(grants: Record<string, readonly ServiceRead[]>) {
    for (const [service, reads] of Object.entries(grants)) {
      this.byService.set(
        service,
        new Map(reads.map((r) => (typeof r === 'string' ? [documentId(canonical(r)), 'public'] : [documentId(canonical(r.asCaller)), 'caller']))),
      );
    }
  }

  /** Whom `query` runs as for `service`, or null when it is not granted to it. */
  grantOf(service: string, query: string): RunsAs | null {
    let id = this.ids.get(query);
    if (id === undefined) {
      try {
        id = documentId(canonical(query));
      } catch {
        return null;
      }
      this.ids.set(query, id);
    }
    return this.byService.get(service)?.get(id) ?? null;
  }

  allows(service: string, query: string): boolean {
    return this.grantOf(service, query) !== null;
  }
}

/** A granted read runs as the anonymous public, or as the end user of the request being served. */
type RunsAs = 'public' | 'caller';

/** The end user each service call's token was signed for, until its documents are known. */
const callers = new WeakMap<Request, DelegationCaller>();

/** The calling subgraph, from the token it presents; never a user, never a role (until a read granted `asCaller`). */
export const identifySubgraph =
  (issuer: IdentityIssuer) =>
  async (req: Request): Promise<Identity> => {
    const token = req.header(DELEGATION_HEADER);
    if (!token) throw new GraphQLError('Present the identity token of the request you are serving.', { extensions: { code: 'UNAUTHENTICATED' } });
    try {
      const { subgraph, requestId, language, caller } = await issuer.verifyDelegation(token);
      callers.set(req, caller);
      return { ...ANONYMOUS, service: subgraph, requestId: requestId ?? randomUUID(), language };
    } catch (err) {
      log.warn({ component: 'gateway', requestId: req.header('x-request-id'), reason: (err as Error).message }, 'service call refused');
      throw new GraphQLError('The identity token is invalid or expired.', { extensions: { code: 'UNAUTHENTICATED' } });
    }
  };

/**
 * Only the documents granted to the calling subgraph; a refusal is logged with the request id.
 * Documents granted `asCaller` run as the user of the request being served (still named after the
 * subgraph, for its rate limit and the logs); a request does not mix them with public ones.
 */
export const grantsPolicy =
  (grants: ServiceGrants): DocumentPolicy =>
  (identity, queries, requestId, req) => {
    const runsAs = queries.map((q) => (typeof q === 'string' ? grants.grantOf(identity.service!, q) : null));
    if (queries.length > 0 && runsAs.every((r) => r === 'public')) return null;
    const caller = req && callers.get(req);
    if (queries.length > 0 && runsAs.every((r) => r === 'caller') && caller) return { runAs: { ...identity, ...caller } };
    log.warn({ component: 'gateway', requestId, service: identity.service }, 'service call refused: not a granted operation');
    return [403, 'FORBIDDEN', `This operation is not granted to subgraph ${identity.service}.`];
  };
