import { describe, expect, it } from 'vitest';
import { codes, costOf, gql, traceOf } from '../../test/graph';
import { createPublished } from './test-helpers';

const SEARCH = `query($text: String!, $first: Int, $after: String) {
  searchPublications(text: $text, first: $first, after: $after) {
    totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('searchPublications', () => {
  it('never errors on whatever a person types', async () => {
    const texts = [
      '',
      '   ',
      '"',
      '"unterminated phrase',
      '"property tax"',
      '-',
      '-tax',
      'tax -property',
      '& | ! ( ) : *',
      'tax & | ! ( ) : * refund',
      "o'brien's; drop table publications; --",
      '\\',
      // NUL never gets this far: the gateway refuses it with a 400 (gateway/bad-input.test.ts).
      'or or and not',
      '!'.repeat(2048),
      '&|!():*"-'.repeat(230),
      'a'.repeat(3000),
      '🙂 façade',
    ];
    for (const text of texts) {
      const r = await gql(SEARCH, { text, first: 5 });
      expect(codes(r), JSON.stringify(text.slice(0, 40))).toEqual([]);
      expect(Array.isArray(r.data.searchPublications.edges)).toBe(true);
    }
    const empty = await gql(SEARCH, { text: '' });
    expect(empty.data.searchPublications).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('understands phrases and exclusions', async () => {
    const phrase = await gql(SEARCH, { text: '"property tax"', first: 20 });
    expect(phrase.data.searchPublications.totalCount).toBeGreaterThan(0);
    for (const e of phrase.data.searchPublications.edges) expect(e.node.title.toLowerCase()).not.toBe('');
    const without = await gql(SEARCH, { text: 'tax -property', first: 100 });
    const titles = without.data.searchPublications.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.some((t: string) => /property/i.test(t))).toBe(false);
  });

  it('puts title matches first, however often the others repeat the word', async () => {
    const word = `tt${Math.random().toString(36).slice(2, 9)}`;
    const inBody = await createPublished('TAX', { title: 'Body only', summary: `${word} ${word}`, body: `${word} `.repeat(20) });
    const inTitle = await createPublished('TAX', { title: `About ${word}`, summary: 'x', body: 'y' });
    const r = await gql(SEARCH, { text: word, first: 1 });
    expect(r.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([inTitle.id]);
    const next = await gql(SEARCH, { text: word, first: 5, after: r.data.searchPublications.pageInfo.endCursor });
    expect(next.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([inBody.id]);
    expect(next.data.searchPublications.totalCount).toBe(2);
  });

  it('costs two statements: the page (both tiers in one) and its total, which is remembered for the next', async () => {
    const word = `tt${Math.random().toString(36).slice(2, 9)}`;
    await createPublished('TAX', { title: `About ${word}`, summary: 'x', body: 'y' });
    await createPublished('TAX', { title: 'Body only', summary: word, body: 'y' });
    const r = await gql(SEARCH, { text: word, first: 1 }, { traced: true });
    expect(r.data.searchPublications.totalCount).toBe(2);
    expect((await costOf(r)).publications.sqlStatements).toBe(1);
    const remembered = (await traceOf(r)).filter((s) => s.name === 'remembered' && s.attributes['egov.remembered'] === 'search');
    expect(remembered).toHaveLength(1);
  });

  it('pages through results by relevance without repeats', async () => {
    const word = `pg${Math.random().toString(36).slice(2, 9)}`;
    for (let i = 0; i < 5; i++) await createPublished('TAX', { title: `Search paging ${i}`, summary: i % 2 ? word : 'x', body: word });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: { data?: any } = await gql(SEARCH, { text: word, first: 2, after });
      seen.push(...r.data.searchPublications.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data.searchPublications.pageInfo.hasNextPage) break;
      after = r.data.searchPublications.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});
