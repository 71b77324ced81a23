import { request } from 'undici';
import { IDENTITY_HEADER } from '../../core/headers';
import { ANONYMOUS, type IdentitySigner } from '../../core/identity';

/**
 * How a subgraph asks the graph for data another subgraph owns (it never reads another's
 * tables): a query to the gateway under a service identity the gateway verifies.
 * Never call it inside a database transaction: on the embedded database the one connection
 * would wait for itself.
 */
export class GraphClient {
  constructor(
    private readonly service: string,
    private readonly signer: IdentitySigner,
    private readonly gatewayUrl: () => string,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = await this.signer.sign({ ...ANONYMOUS, service: this.service, roles: ['ANALYST'] });
    // undici's pooled client (keep-alive) rather than fetch: a submission asks the graph on its hot path.
    const res = await request(this.gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
      body: JSON.stringify({ query, variables }),
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const body = (await res.body.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) {
      throw new Error(`graph request from ${this.service} failed: ${body.errors?.map((e) => e.message).join('; ') ?? res.statusCode}`);
    }
    return body.data;
  }
}
