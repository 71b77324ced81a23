/**
 * `DATABASE_URL=… npx tsx bench/search-cost.ts`: the search statements alone (a page of ten and its
 * total), one at a time over the bench's English, Chinese and mixed queries, twice (cold, then warm):
 * what the publications subgraph spends in PostgreSQL per search, without any gateway.
 */
import { createDb, createPool } from '../subgraphs/kit/db';
import { searchPublic, countSearch } from '../subgraphs/publications/db/search.repository';
import { migrateToLatest } from '../subgraphs/kit/migrate';
import { migrations } from '../subgraphs/publications/db/migrations/index';
import { searchTerms, searchTermsMixed, searchTermsZh } from './scenarios';
const pool = createPool({ url: process.env.DATABASE_URL!, max: 2 });
const db = createDb<any>(pool, 'publications');
// The statements are today's: the bench database may predate the newest migrations.
await migrateToLatest(db, 'publications', migrations);
// The very queries `npm run bench -- --only search` sends.
const sets: Record<string, string[]> = { en: searchTerms(), zh: searchTermsZh(), mixed: searchTermsMixed() };
const pct = (a: number[], p: number) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * p))]!;
for (const [name, terms] of Object.entries(sets)) {
  for (const round of [0, 1]) {
    const page: number[] = [], count: number[] = [];
    for (const t of terms) {
      let t0 = performance.now(); await searchPublic(db as any, t, 10, null); page.push(performance.now() - t0);
      t0 = performance.now(); await countSearch(db as any, t); count.push(performance.now() - t0);
    }
    console.log(`${name} round ${round} n=${terms.length} page p50 ${pct(page, .5).toFixed(1)} p95 ${pct(page, .95).toFixed(1)} max ${Math.max(...page).toFixed(1)} | count p50 ${pct(count, .5).toFixed(1)} p95 ${pct(count, .95).toFixed(1)} max ${Math.max(...count).toFixed(1)}`);
  }
}
await pool.end();
