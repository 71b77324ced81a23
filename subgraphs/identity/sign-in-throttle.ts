import { delayOf, release, reserve, type ThrottlePolicy } from './db/login-throttle.repository';
import type { Db } from './db/users.repository';

/**
 * Failures allowed before each further check is delayed (1, 2, 4, … s, at most a minute): an
 * account's own, and an address's (many people may share one behind a NAT, so more; the delay is
 * what an attacker there costs them, never a lock-out). Counted in Postgres, one statement a
 * step (db/login-throttle.repository.ts), so every replica agrees and no burst races past.
 */
const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowSeconds: 900, maxDelaySeconds: 60 };
const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 50, windowSeconds: 900, maxDelaySeconds: 60 };
/** How long a sign-in waits for a place among the checks of its account or address under way. */
const BUSY_WAIT_MS = 10_000;
/** A check released by another replica is noticed by polling at most this late. */
const POLL_MS = 200;

/** The wait a refusal states, in words (`Try again in 2 seconds.`). */
export const tryAgainIn = (seconds: number) => `Try again in ${seconds} second${seconds > 1 ? 's' : ''}.`;

export type Permit =
  | { ok: true; end: (outcome: 'right' | 'wrong' | 'unchecked') => Promise<void> }
  | { ok: false; retryAfterSeconds: number; busy: boolean };

interface Throttled {
  key: string;
  policy: ThrottlePolicy;
}

export class SignInThrottle {
  /** Sign-ins of this process waiting for a check of a key to end. */
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(private readonly db: Db) {}

  /**
   * A place for one password check under both the account's and the address's allowance, or the
   * seconds to wait. A key that is only busy (its allowance taken by checks under way, honest ones
   * included) is waited for: those checks end within a hash's time.
   */
  async permit(email: string, clientIp: string | null): Promise<Permit> {
    const account = { key: `account:${email.trim().toLowerCase()}`, policy: ACCOUNT_POLICY };
    const address = { key: `ip:${clientIp ?? 'unknown'}`, policy: ADDRESS_POLICY };
    const until = Date.now() + BUSY_WAIT_MS;
    for (;;) {
      let blocking: Throttled = account;
      if (await reserve(this.db, account.key, account.policy)) {
        if (await reserve(this.db, address.key, address.policy)) return { ok: true, end: (outcome) => this.end(account, address, outcome) };
        await this.release(account, 'done');
        blocking = address;
      }
      const delay = await delayOf(this.db, blocking.key);
      if (delay > 0) return { ok: false, retryAfterSeconds: delay, busy: false };
      if (Date.now() > until) return { ok: false, retryAfterSeconds: 1, busy: true };
      await this.nextRelease(blocking.key);
    }
  }

  private async end(account: Throttled, address: Throttled, outcome: 'right' | 'wrong' | 'unchecked'): Promise<void> {
    // Right: the account's failures are forgiven, the address's are not (an attacker's own account
    // would otherwise wipe the count of what they sprayed at others).
    await this.release(account, outcome === 'wrong' ? 'failed' : outcome === 'right' ? 'cleared' : 'done');
    await this.release(address, outcome === 'wrong' ? 'failed' : 'done');
  }

  private async release(t: Throttled, outcome: 'failed' | 'cleared' | 'done'): Promise<void> {
    try {
      await release(this.db, t.key, t.policy, outcome);
    } finally {
      const waiters = this.waiting.get(t.key);
      this.waiting.delete(t.key);
      for (const wake of waiters ?? []) wake();
    }
  }

  private nextRelease(key: string): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiting.get(key);
      if (!set) this.waiting.set(key, (set = new Set()));
      const wake = () => {
        clearTimeout(timer);
        set!.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, POLL_MS);
      set.add(wake);
    });
  }
}
