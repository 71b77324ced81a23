import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../subgraphs/kit/demo-catalogue';
import { DEMO_PUBLICATIONS } from '../subgraphs/publications/db/seed-content';
import { DEMO_PUBLICATIONS_ZH_ONLY } from '../subgraphs/publications/db/seed-content-zh';
import { publicationSlug } from '../subgraphs/publications/slug';
import { codes, gql, operation } from './graph';
import { EN, MIXED, ZH, type LabelledQuery } from './search-relevance.queries';

/**
 * Search quality over the demo data, in each language, through the contract's Search operation:
 * precision at 5 of the labelled queries (search-relevance.queries.ts) must average at least 0.8.
 *
 * Precision at 5 of one query: of the first five results (or all, when fewer come back), the
 * share a person judged relevant; a query that finds nothing scores 0. Results other tests
 * created in the same database are left out before counting: the set judges the demo data.
 */
const SEARCH = operation('web/Search');
const demoSlugs = new Map<string, string>([
  ...Object.values(DEMO_PUBLICATIONS).flat().map(([, title]) => [publicationSlug(title), title] as [string, string]),
  ...DEMO_PUBLICATIONS_ZH_ONLY.map(([, , title]) => [publicationSlug(title), title] as [string, string]),
]);
const demoCodes = new Set(DEMO_CATALOGUE.map((p) => p.code));

async function precisionAt5(q: LabelledQuery): Promise<{ p: number; top: string[] }> {
  const r = await gql(SEARCH, { text: q.text, first: 30 });
  expect(codes(r)).toEqual([]);
  const found: string[] =
    q.in === 'publications'
      ? r.data.publications.edges.map((e: { node: { slug: string } }) => demoSlugs.get(e.node.slug)).filter(Boolean)
      : r.data.procedures.edges.map((e: { node: { code: string } }) => e.node.code).filter((c: string) => demoCodes.has(c));
  const top = found.slice(0, 5);
  if (top.length === 0) return { p: 0, top };
  return { p: top.filter((t) => q.relevant.includes(t)).length / top.length, top };
}

async function meanPrecision(set: LabelledQuery[]) {
  const scored = [];
  for (const q of set) scored.push({ q, ...(await precisionAt5(q)) });
  const mean = scored.reduce((s, x) => s + x.p, 0) / scored.length;
  const misses = scored.filter((x) => x.p < 1).map((x) => `${x.q.text} [${x.q.in}] ${x.p.toFixed(2)}: ${x.top.join(' | ')}`);
  return { mean, misses };
}

describe('search relevance over the demo data', () => {
  it('labels real demo items only', () => {
    for (const q of [...ZH, ...EN, ...MIXED]) {
      for (const id of q.relevant) {
        if (q.in === 'publications') expect(demoSlugs.has(publicationSlug(id)), id).toBe(true);
        else expect(demoCodes.has(id), id).toBe(true);
      }
    }
    expect(ZH.length).toBeGreaterThanOrEqual(30);
    expect(EN.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['Chinese', ZH],
    ['English', EN],
    ['mixed Chinese and English', MIXED],
  ] as const)('%s queries: precision at 5 of at least 0.8', async (_name, set) => {
    const { mean, misses } = await meanPrecision(set);
    console.log(`${_name}: mean precision at 5 = ${mean.toFixed(3)} over ${set.length} queries${misses.length ? `\n  ${misses.join('\n  ')}` : ''}`);
    expect(mean, misses.join('\n')).toBeGreaterThanOrEqual(0.8);
  });
});
