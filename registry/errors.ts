import type { CheckReport } from './check';

/** A refusal with a stable code (the admin endpoint and the CLI show both). */
export class RegistryError extends Error {
  constructor(
    readonly code: 'BAD_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'CHECK_FAILED' | 'COMPOSITION_FAILED' | 'CONFLICT',
    message: string,
    readonly report?: CheckReport,
  ) {
    super(message);
  }
}

/** A subgraph's name: it is also a Postgres schema, a folder and a credential's scope. */
export const SUBGRAPH_NAME = /^[a-z][a-z0-9_]{1,39}$/;
