import type { Identity } from '../core/identity';

/** Per-request state of the gateway. */
export interface GatewayContext {
  identity: Identity;
  /** The identity, signed once per request for every subgraph call it makes. */
  identityToken: string;
  requestId: string;
  /** Per subgraph: calls made and SQL statements they ran (reported when asked, outside production). */
  diagnostics: Record<string, { fetches: number; sqlStatements: number }>;
  wantDiagnostics: boolean;
}
