/**
 * Whether an error means the database cannot be reached right now (its connection was
 * terminated, the server is restarting or refuses connections, a connection could not be had in
 * time), as opposed to a problem with the statement. Such a request may simply be retried: every
 * part answers it with the stable code DATABASE_UNAVAILABLE, never as an internal error.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as Failure | undefined, depth = 0; e && depth < 5; e = e.cause as Failure | undefined, depth++) {
    if (typeof e.code === 'string') {
      // SQLSTATE class 08 (connection exception) and 57P01–57P05 (admin/crash shutdown, cannot connect now…).
      if (/^(08[0-9A-Z]{3}|57P0[1-5])$/.test(e.code) || NETWORK_CODES.has(e.code)) return true;
    }
    if (typeof e.message === 'string' && LOST.test(e.message)) return true;
    if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

interface Failure {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown[];
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// node-postgres' own words for a connection that ended, could not be had, or was never usable.
const LOST = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection ended unexpectedly)/;

/** The code clients see for it; they retry after a moment. */
export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
