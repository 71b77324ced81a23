import { LRUCache } from 'lru-cache';
import { countPublic, type PublicFilter } from './db/publications.repository';
import { countSearch } from './db/search.repository';
import type { Db } from './db/tables';

/** As long as the gateway's response cache keeps a public answer (gateway/response-cache.ts). */
const TTL_MS = 1000;

/**
 * `totalCount` of the public lists and searches, remembered per filter or search text for a
 * second. Counting is most of what a feed page costs at national scale: the page itself is one
 * index seek, its total walks 90,000 index entries (40 ms) and a common search word's total
 * 20,000 rows, on every request. Shared by every request of this process, and one count in
 * flight serves all who ask for it meanwhile. Any editorial write here forgets them all; a
 * scheduled item falling due, or a write through another replica, shows within the second.
 */
export class PublicCounts {
  private readonly memo = new LRUCache<string, Promise<number>>({ max: 2000, ttl: TTL_MS });
  constructor(private readonly db: Db) {}

  list(filter: PublicFilter | null | undefined): Promise<number> {
    return this.remember(JSON.stringify(['list', filter ?? null]), () => countPublic(this.db, filter));
  }

  search(text: string): Promise<number> {
    return this.remember(JSON.stringify(['search', text]), () => countSearch(this.db, text));
  }

  forget(): void {
    this.memo.clear();
  }

  private remember(key: string, count: () => Promise<number>): Promise<number> {
    let n = this.memo.get(key);
    if (!n) {
      n = count();
      this.memo.set(key, n);
      n.catch(() => this.memo.delete(key)); // a failed count is not remembered
    }
    return n;
  }
}
