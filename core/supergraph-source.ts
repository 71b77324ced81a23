import type { SupergraphSdlHook } from '@apollo/gateway';

/**
 * Where a gateway gets its supergraph from (a file, or the schema registry), and whether the last
 * update was refused. The registry provides one and the gateway consumes it, so neither imports
 * the other.
 */
export interface SupergraphSource {
  hook: SupergraphSdlHook;
  lastError: () => string | null;
}
