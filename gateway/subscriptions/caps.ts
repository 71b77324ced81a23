/**
 * How many subscriptions one user, and one client address, hold at once on this gateway. A
 * subscription costs a bus listener and one graph read per event that concerns it: without a
 * cap one client could hold thousands and make every event cost thousands of reads.
 */
export class SubscriptionCaps {
  private readonly byKey = new Map<string, number>();

  constructor(private readonly perUser: number, private readonly perAddress: number) {}

  /** Takes a place for `userId` (or, anonymous, `address`); the release function, or null when full. */
  take(userId: string | null, address: string | null): (() => void) | null {
    const [key, max] = userId ? [`u:${userId}`, this.perUser] : [`a:${address ?? 'unknown'}`, this.perAddress];
    const held = this.byKey.get(key) ?? 0;
    if (held >= max) return null;
    this.byKey.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.byKey.get(key) ?? 1) - 1;
      if (left > 0) this.byKey.set(key, left);
      else this.byKey.delete(key);
    };
  }
}
