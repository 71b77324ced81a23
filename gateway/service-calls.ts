import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { DELEGATION_HEADER } from '../core/headers';
import { ANONYMOUS, type Identity } from '../core/identity';
import type { IdentityIssuer } from '../core/identity-tokens';
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
  private readonly byService = new Map<string, Set<string>>();
  private readonly ids = new LRUCache<string, string>({ max: 1000 });

  /** `grants`: per subgraph name, the texts of the operations it may run. */
  constructor(grants: Record<string, string[]>) {
    for (const [service, documents] of Object.entries(grants)) {
      this.byService.set(service, new Set(documents.map((d) => documentId(canonical(d)))));
    }
  }

  allows(service: string, query: string): boolean {
    let id = this.ids.get(query);
    if (id === undefined) {
      try {
        id = documentId(canonical(query));
      } catch {
        return false;
      }
      this.ids.set(query, id);
    }
    return this.byService.get(service)?.has(id) ?? false;
  }
}

/** The calling subgraph, from the token it presents; never a user, never a role. */
export const identifySubgraph =
  (issuer: IdentityIssuer) =>
  async (req: Request): Promise<Identity> => {
    const token = req.header(DELEGATION_HEADER);
    if (!token) throw new GraphQLError('Present the identity token of the request you are serving.', { extensions: { code: 'UNAUTHENTICATED' } });
    try {
      const { subgraph, requestId, language } = await issuer.verifyDelegation(token);
      return { ...ANONYMOUS, service: subgraph, requestId: requestId ?? randomUUID(), language };
    } catch (err) {
      log.warn({ component: 'gateway', requestId: req.header('x-request-id'), reason: (err as Error).message }, 'service call refused');
      throw new GraphQLError('The identity token is invalid or expired.', { extensions: { code: 'UNAUTHENTICATED' } });
    }
  };

/** Only the documents granted to the calling subgraph; a refusal is logged with the request id. */
export const grantsPolicy =
  (grants: ServiceGrants): DocumentPolicy =>
  (identity, queries, requestId) => {
    if (queries.length > 0 && queries.every((q) => typeof q === 'string' && grants.allows(identity.service!, q))) return null;
    log.warn({ component: 'gateway', requestId, service: identity.service }, 'service call refused: not a granted operation');
    return [403, 'FORBIDDEN', `This operation is not granted to subgraph ${identity.service}.`];
  };
