import type { Identity } from '../core/identity';

/** Per-request state of the gateway. */
export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /** Per subgraph: calls made and SQL statements they ran (reported when asked on the internal listener, outside production). */
  diagnostics: Record<string, { fetches: number; sqlStatements: number }>;
  wantDiagnostics: boolean;
}
