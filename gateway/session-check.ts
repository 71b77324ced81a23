import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { log } from '../core/log';
import { remembered } from '../core/remembered';
import type { UserClaims } from '../core/session-tokens';
import type { GatewayAuth, RelayedSubgraph } from './audit-relay';

/**
 * Revocation of sign-in tokens. A token names the session version it was issued under (`sv`);
 * identity raises an account's version when it is deactivated, its role or department changes,
 * its password changes or its owner signs out everywhere. Each gateway asks identity for the
 * current version of a user at most once per SESSION_CHECK_SECONDS (all users seen in one tick
 * in one request), so a revoked token is refused on every replica within that time, and a signed-
 * in request costs identity nothing most of the time. When identity cannot answer, the request is
 * refused (503), never let through on a token that may have been revoked.
 */
export interface SessionState {
  userId: string;
  version: number;
  active: boolean;
}

const QUERY = 'query SessionStates($userIds: [ID!]!) { sessionStates(userIds: $userIds) { userId version active } }';

export const sessionEnded = () =>
  new GraphQLError('Your session has ended (signed out everywhere, a new password, or your account was changed). Sign in again.', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });

const unavailable = () =>
  new GraphQLError('Your sign-in cannot be checked just now. Try again in a moment.', {
    extensions: { code: 'SESSION_CHECK_UNAVAILABLE', http: { status: 503 } },
  });

export class SessionCheck {
  private readonly states: LRUCache<string, Promise<SessionState | null>>;
  private readonly loader: DataLoader<string, SessionState | null>;

  constructor(ask: (userIds: readonly string[]) => Promise<SessionState[]>, seconds: number) {
    this.states = new LRUCache({ max: 100_000, ttl: seconds * 1000 });
    this.loader = new DataLoader(
      async (ids) => {
        const found = new Map((await ask(ids)).map((s) => [s.userId, s]));
        return ids.map((id) => found.get(id) ?? null);
      },
      { cache: false, maxBatchSize: 100 },
    );
  }

  /** Throws UNAUTHENTICATED for a revoked token, SESSION_CHECK_UNAVAILABLE when identity does not answer. */
  async check(claims: UserClaims): Promise<void> {
    let state: SessionState | null;
    try {
      state = await remembered(this.states, claims.userId, () => this.loader.load(claims.userId));
    } catch (err) {
      log.error({ component: 'gateway', err }, 'session check failed');
      throw unavailable();
    }
    if (!state || !state.active || claims.sessionVersion < state.version) throw sessionEnded();
  }
}

/** Asks the identity subgraph of the current supergraph, as the gateway itself. */
export function askIdentity(identity: () => RelayedSubgraph | undefined, auth: GatewayAuth, timeoutMs: number) {
  return async (userIds: readonly string[]): Promise<SessionState[]> => {
    const to = identity();
    if (!to) throw new Error('no identity subgraph in the supergraph');
    const body = JSON.stringify({ query: QUERY, variables: { userIds } });
    const res = await fetch(to.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await auth(to.name, 'POST', body)) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`identity answered HTTP ${res.status}`);
    const answer = (await res.json()) as { data?: { sessionStates?: SessionState[] }; errors?: { message: string }[] };
    if (!answer.data?.sessionStates) throw new Error(`identity refused: ${answer.errors?.map((e) => e.message).join('; ')}`);
    return answer.data.sessionStates;
  };
}
