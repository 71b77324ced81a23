import type { Identity } from '../core/identity';

/** Per-request state of the gateway. */
export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /**
   * Its subgraph calls are never merged with identical ones in flight (gateway/subgraph-fetcher.ts):
   * the internal listener's `/graphql`, whose traces show exactly what one request costs.
   */
  alone: boolean;
}
