import { GraphQLError } from 'graphql';
import { request } from 'undici';
import { keptAliveAgent } from '../../core/keep-alive';
import { DATABASE_UNAVAILABLE } from '../../core/database-errors';
import { DELEGATION_HEADER, REQUEST_ID_HEADER } from '../../core/headers';
import { transactionsOpen } from './db';
import { injectTraceContext } from '../../core/tracing';

/** One pool for the process's calls to the gateway (core/keep-alive.ts). */
const agent = keptAliveAgent();

/**
 * How a subgraph reads data another subgraph owns (it never reads another's tables): a document
 * granted to it by name, sent to the gateway's internal path with the identity token of the
 * request it is serving as proof. The gateway runs it as the anonymous public, so it sees what
 * any visitor sees. One per request (ctx.graph).
 */
export class ServiceGraph {
  constructor(
    private readonly url: string,
    private readonly delegation: string,
    private readonly requestId: string | null,
  ) {}

  /**
   * Runs a granted document. `expected`: error codes that are an answer rather than a failure (a
   * read run as the caller: NOT_FOUND for what the caller may not see); the field is then null.
   */
  async request<T>(query: string, variables: Record<string, unknown> = {}, expected: readonly string[] = []): Promise<T> {
    // On the embedded database every subgraph shares one connection: a subgraph holding it in a
    // transaction while another waits for it would wait for itself.
    if (transactionsOpen()) throw new Error('a subgraph asked another subgraph for data inside a database transaction');
    // undici's pooled client (keep-alive) rather than fetch: a submission asks on its hot path.
    const res = await request(this.url, {
      method: 'POST',
      headers: injectTraceContext({
        'content-type': 'application/json',
        [DELEGATION_HEADER]: this.delegation,
        ...(this.requestId ? { [REQUEST_ID_HEADER]: this.requestId } : {}),
      }),
      body: JSON.stringify({ query, variables }),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
      dispatcher: agent,
    });
    const body = (await res.body.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    // The other subgraph's database is gone for a moment: so is this answer, and just as retryably.
    if (body.errors?.some((e) => e.extensions?.code === DATABASE_UNAVAILABLE)) {
      throw new GraphQLError('The service is briefly unavailable. Try again in a moment.', { extensions: { code: DATABASE_UNAVAILABLE } });
    }
    const unexpected = body.errors?.filter((e) => !expected.includes(e.extensions?.code ?? ''));
    if (unexpected?.length || !body.data) {
      throw new Error(`service call failed (${res.statusCode}): ${unexpected?.map((e) => e.message).join('; ') ?? 'no data'}`);
    }
    return body.data;
  }
}
