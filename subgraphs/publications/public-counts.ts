import { LRUCache } from 'lru-cache';
import { remembered } from '../../core/remembered';
import { countPublic, nextScheduledAt, type PublicFilter } from './db/publications.repository';
import { countSearch } from './db/search.repository';
import type { Db } from './db/tables';

/** The longest a remembered count is kept: the staleness the README promises. */
const MAX_AGE_MS = 5000;

/**
 * `totalCount` of the public lists and searches, remembered per filter or search text. Counting
 * is most of what a feed or search page costs at national scale: the page itself is one index
 * seek, its total walks 93,000 index entries (40 ms), and a common search word's total 23,000
 * rows (65 ms), on every request. Shared by every request of this process; one count in flight
 * serves all who ask for it meanwhile.
 *
 * Counts are kept until the first of: an editorial write in this process (forget()), the moment
 * the next scheduled item becomes public (so it is counted from that moment, like the lists show
 * it), or 5 seconds (a write through another replica).
 */
export class PublicCounts {
  private readonly memo = new LRUCache<string, Promise<number>>({ max: 2000 });
  /** When the remembered counts stop being true, and its computation while one is running. */
  private horizon = 0;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  /** `measuring`: a diagnostics request (BaseContext) counts for real. */
  list(filter: PublicFilter | null | undefined, measuring: boolean): Promise<number> {
    return this.count(['list', filter ?? null], () => countPublic(this.db, filter), measuring);
  }

  search(text: string, measuring: boolean): Promise<number> {
    return this.count(['search', text], () => countSearch(this.db, text), measuring);
  }

  /**
   * For how many whole seconds what this process answers about public items stays true: until
   * the first of the next scheduled item turning public or 5 s (the cache policy of the
   * publications subgraph). A diagnostics request (`measuring`) gets 0 and costs no statement.
   */
  async secondsTrue(measuring: boolean): Promise<number> {
    if (measuring) return 0;
    if (Date.now() >= this.horizon) await this.startOver();
    return Math.max(0, Math.floor((this.horizon - Date.now()) / 1000));
  }

  forget(): void {
    this.memo.clear();
    this.horizon = 0;
  }

  private async count(key: unknown[], count: () => Promise<number>, measuring: boolean): Promise<number> {
    if (measuring) return count();
    if (Date.now() >= this.horizon) await this.startOver();
    return remembered(this.memo, JSON.stringify(key), count);
  }

  private startOver(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const since = Date.now();
        const due = await nextScheduledAt(this.db);
        this.memo.clear();
        this.horizon = Math.min(since + MAX_AGE_MS, due?.getTime() ?? Infinity);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}
