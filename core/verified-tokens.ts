import { LRUCache } from 'lru-cache';

/**
 * Tokens already verified, each kept until it expires. A signature checked once cannot turn bad
 * before then (revocation is checked apart, gateway/session-check.ts), so checking it again on every request would only
 * burn CPU. Used for the gateway's sign-in tokens (ES256) and the subgraphs' identity tokens (HS256).
 */
export class VerifiedTokens<T extends object> {
  private readonly known = new LRUCache<string, T>({ max: 10_000 });

  /** `check` verifies a token and says what it holds and when it expires (`exp`, seconds). */
  async verify(token: string, check: (token: string) => Promise<{ value: T; exp: number | undefined }>): Promise<T> {
    const known = this.known.get(token);
    if (known) return known;
    const { value, exp } = await check(token);
    const ttl = (exp ?? 0) * 1000 - Date.now();
    if (ttl > 0) this.known.set(token, value, { ttl });
    return value;
  }
}
