/**
 * Asking a gateway whether a sign-in token still holds. A token's signature and expiry can be
 * checked anywhere with the public key, but whether its session was revoked (signed out
 * everywhere, deactivated, role changed) only the gateways know, from identity. A part that takes
 * sign-in tokens without a gateway in front of it (the schema registry's `/admin` when it runs as
 * its own part) presents the caller's token to a gateway's internal listener here: only the
 * token's holder can ask, and only about that token.
 */

/** On the gateway's internal listener: GET with the caller's `Authorization`; 200, or the refusal in GraphQL's error shape. */
export const SESSION_PATH = '/service/session';

export class SessionRefused extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** Resolves when the gateway at `url` accepts `authorization` now; throws SessionRefused otherwise. */
export async function introspectSession(url: string, authorization: string, timeoutMs = 5000): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization }, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new SessionRefused(503, 'SESSION_CHECK_UNAVAILABLE', 'Your sign-in cannot be checked just now. Try again in a moment.');
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => ({}))) as { errors?: { message?: string; extensions?: { code?: string } }[] };
  const error = body.errors?.[0];
  // Anything but a clear refusal of the token is the gateway failing, not the caller.
  if (res.status !== 401) throw new SessionRefused(503, 'SESSION_CHECK_UNAVAILABLE', 'Your sign-in cannot be checked just now. Try again in a moment.');
  throw new SessionRefused(401, error?.extensions?.code ?? 'UNAUTHENTICATED', error?.message ?? 'Your session has ended. Sign in again.');
}
