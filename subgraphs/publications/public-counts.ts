import { LRUCache } from 'lru-cache';
import { remembered } from '../../core/remembered';
import { countPublic, nextScheduledAt, type PublicFilter } from './db/publications.repository';
import { countSearch } from './db/search.repository';
import type { Db } from './db/tables';
import { inSpan } from '../../core/tracing';

/**
 * The span around a statement whose result is remembered for every request of this process: a
 * trace shows which request paid for it, and SQL-cost tests tell it from a request's own work.
 */
export const REMEMBERED = 'remembered';

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
  /** Counts forget() calls: a horizon computed across one (a write meanwhile) is not kept. */
  private generation = 0;

  constructor(private readonly db: Db) {}

  list(filter: PublicFilter | null | undefined): Promise<number> {
    return this.count(['list', filter ?? null], () => countPublic(this.db, filter));
  }

  search(text: string): Promise<number> {
    return this.count(['search', text], () => countSearch(this.db, text));
  }

  /**
   * For how many whole seconds what this process answers about public items stays true: until
   * the first of the next scheduled item turning public or 5 s (the cache policy of the
   * publications subgraph).
   */
  async secondsTrue(): Promise<number> {
    if (Date.now() >= this.horizon) await this.startOver();
    return Math.max(0, Math.floor((this.horizon - Date.now()) / 1000));
  }

  forget(): void {
    this.generation++;
    this.memo.clear();
    this.horizon = 0;
  }

  private async count(key: unknown[], count: () => Promise<number>): Promise<number> {
    if (Date.now() >= this.horizon) await this.startOver();
    return remembered(this.memo, JSON.stringify(key), () => inSpan(REMEMBERED, { 'egov.remembered': key[0] as string }, count));
  }

  private startOver(): Promise<void> {
    this.refreshing ??= inSpan(REMEMBERED, { 'egov.remembered': 'horizon' }, async () => {
      try {
        const since = Date.now();
        const generation = this.generation;
        const due = await nextScheduledAt(this.db);
        this.memo.clear();
        // A write during the read may have scheduled an item `due` does not know: start over next time.
        this.horizon = generation === this.generation ? Math.min(since + MAX_AGE_MS, due?.getTime() ?? Infinity) : 0;
      } finally {
        this.refreshing = null;
      }
    });
    return this.refreshing;
  }
}
