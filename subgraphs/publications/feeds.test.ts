import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { departmentId } from '../kit/demo';
import { gatewayUrl } from '../../test/graph';
import { createDraft, createPublished, listAll } from './test-helpers';

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' || name === 'category' || name === 'link' });
const feedUrl = (path: string) => new URL(path, gatewayUrl()).toString();

async function readFeed(path: string) {
  const res = await fetch(feedUrl(path));
  const text = await res.text();
  return { res, text, feed: res.ok ? parser.parse(text).feed : null };
}
const entryIds = (feed: { entry?: { id: string }[] }) => (feed.entry ?? []).map((e) => e.id.replace('urn:uuid:', ''));

/**
 * Reads a feed between two reads of the list it must equal. Other test files publish at the same
 * time; when the list changed meanwhile, read again, for up to ten seconds: a file publishing a
 * handful of items in a row (search.test.ts) changes it for longer than five quick attempts took.
 */
async function stableRead(path: string, filter: Record<string, unknown>) {
  const until = Date.now() + 10_000;
  for (;;) {
    const before = (await listAll(filter)).slice(0, 100).map((p) => p.id);
    const read = await readFeed(path);
    const after = (await listAll(filter)).slice(0, 100).map((p) => p.id);
    if (JSON.stringify(before) === JSON.stringify(after) || Date.now() > until) return { ...read, expected: after };
  }
}

describe('Atom feeds', () => {
  it('serves each kind as valid Atom holding exactly its published items, newest first', async () => {
    const news = await createPublished('TAX', { title: `Feed news <b>&</b> ${Date.now()}`, kind: 'NEWS' });
    const draft = await createDraft('TAX', { title: `Feed draft ${Date.now()}`, kind: 'NEWS' });
    const policy = await createPublished('TAX', { title: `Feed policy ${Date.now()}`, kind: 'POLICY' });

    for (const [path, kind] of [['/feeds/news.atom', 'NEWS'], ['/feeds/announcements.atom', 'ANNOUNCEMENT'], ['/feeds/policies.atom', 'POLICY'], ['/feeds/notices.atom', 'NOTICE']]) {
      const { res, text, feed, expected } = await stableRead(path, { kinds: [kind] });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expect(res.headers.get('cache-control')).toMatch(/max-age=[1-5]\b/);
      expect(text.startsWith('<?xml')).toBe(true);
      expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
      expect(feed.title).toEqual(expect.any(String));
      expect(feed.updated).toEqual(expect.any(String));
      const ids = entryIds(feed);
      // Exactly the public items of the kind, in the list's order (up to the feed's 100 entries).
      expect(ids).toEqual(expected);
      for (const e of feed.entry) {
        expect(e.title).toMatchObject({ '@_type': 'html', '#text': expect.any(String) });
        // No PUBLIC_URL in the test run: root-relative.
        expect(e.link[0]['@_href']).toMatch(/^\/publications\/[a-z0-9-]+$/);
        expect(e.category.some((c: { '@_term': string }) => c['@_term'] === kind.toLowerCase())).toBe(true);
      }
      const published = feed.entry.map((e: { published: string }) => e.published);
      expect([...published].sort().reverse()).toEqual(published);
      if (kind === 'NEWS') {
        expect(ids).toContain(news.id);
        expect(ids).not.toContain(draft.id);
        expect(ids).not.toContain(policy.id);
        // Plain-text titles stay plain text in an HTML-typed Atom title.
        const mine = feed.entry.find((e: { id: string }) => e.id === `urn:uuid:${news.id}`);
        expect(mine.title['#text']).toMatch(/^Feed news &lt;b&gt;&amp;&lt;\/b&gt; \d+$/);
      }
    }
  });

  it('serves each department, and 404 for an unknown one', async () => {
    const item = await createPublished('HOUSING', { title: `Department feed ${Date.now()}`, kind: 'NOTICE' });
    const { res, feed, expected } = await stableRead('/feeds/departments/housing.atom', { departmentId: departmentId('HOUSING') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const ids = entryIds(feed);
    expect(ids).toEqual(expected);
    expect(ids).toContain(item.id);
    expect(feed.entry.every((e: { author: { name: string } }) => e.author.name === 'Department of Housing and Urban Development')).toBe(true);

    expect((await fetch(feedUrl('/feeds/departments/NOPE.atom'))).status).toBe(404);
    expect((await fetch(feedUrl('/feeds/gossip.atom'))).status).toBe(404);
  });

  it('serves each feed per language: ?lang=zh in Chinese, saying its language and linking the other', async () => {
    const hasHan = (t: string) => /\p{Script=Han}/u.test(t);
    const linkTo = (feed: { link: Record<string, string>[] }, lang: string) =>
      feed.link.find((l) => l['@_rel'] === 'alternate' && l['@_hreflang'] === lang)?.['@_href'];
    const [en, zh] = await Promise.all([readFeed('/feeds/news.atom'), readFeed('/feeds/news.atom?lang=zh')]);
    expect(en.feed['@_xml:lang']).toBe('en');
    expect(zh.feed['@_xml:lang']).toBe('zh');
    expect(zh.res.headers.get('content-language')).toBe('zh');
    expect(linkTo(en.feed, 'zh')).toBe('/feeds/news.atom?lang=zh');
    expect(linkTo(zh.feed, 'en')).toBe('/feeds/news.atom');
    // Its entries open the portal in its language; the English feed's need no parameter.
    type Linked = { link: Record<string, string>[] };
    expect(zh.feed.entry.every((e: Linked) => /^\/publications\/[a-z0-9-]+\?lang=zh$/.test(e.link[0]['@_href']))).toBe(true);
    expect(en.feed.entry.every((e: Linked) => !e.link[0]['@_href'].includes('lang='))).toBe(true);
    expect(hasHan(zh.feed.title)).toBe(true);
    expect(hasHan(en.feed.title)).toBe(false);
    // The same items; a translated one (its titles differ) is in Chinese in the Chinese feed.
    type AtomEntry = { id: string; title: { '#text': string } };
    const english = new Map<string, string>(en.feed.entry.map((e: AtomEntry) => [e.id, e.title['#text']]));
    const translated = zh.feed.entry.filter((e: AtomEntry) => english.has(e.id) && english.get(e.id) !== e.title['#text']);
    expect(translated.length).toBeGreaterThan(0);
    expect(translated.every((e: AtomEntry) => hasHan(e.title['#text']) && !hasHan(english.get(e.id)!))).toBe(true);
    // A feed's address alone decides: a reader's Accept-Language does not change it.
    const asked = await fetch(feedUrl('/feeds/news.atom'), { headers: { 'accept-language': 'zh-CN' } });
    expect(parser.parse(await asked.text()).feed['@_xml:lang']).toBe('en');
    const dept = await readFeed('/feeds/departments/civil.atom?lang=zh');
    expect(dept.feed.entry.every((e: { author: { name: string } }) => e.author.name === '民事登记处')).toBe(true);
  });
});
