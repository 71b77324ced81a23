import express, { type Response, type Router } from 'express';
import { Feed } from 'feed';
import { v5 as uuidv5 } from 'uuid';
import { publicLink } from '../core/links';
import type { GatewayServices } from './services';
import { DEFAULT_LANGUAGE, LANGUAGES, languageOf, type Language } from '../core/language';

/**
 * Atom 1.0 feeds of public publications, newest first: one per kind (`/feeds/news.atom`,
 * `/feeds/announcements.atom`, `/feeds/policies.atom`, `/feeds/notices.atom`) and one per
 * department (`/feeds/departments/<code>.atom`). Built from the graph as the anonymous public sees
 * it, so a feed can never show what a list would not. Nothing is cached here; clients and proxies
 * may keep a feed for MAX_AGE_SECONDS, so a new item is in every feed within that time.
 * Links are on PUBLIC_URL, or root-relative without it; never on the request's Host header, which
 * the client writes (a forged one would put its links into what proxies keep and pass on).
 *
 * One feed per language: `?lang=zh` is the Chinese feed (entries in Chinese, untranslated ones as
 * written), English without it. A feed's address names its language, so a subscriber always gets
 * the same one whatever its reader sends as `Accept-Language`; each feed says its language
 * (`xml:lang`) and links to the other's (`rel="alternate"` with `hreflang`).
 */
export const MAX_AGE_SECONDS = 5;
/** Entries per feed: the newest, as many as one page of the graph holds. */
const FEED_SIZE = 100;

const KIND_FEEDS: Record<string, { kind: string; title: Record<Language, string> }> = {
  news: { kind: 'NEWS', title: { en: 'Government news', zh: '政府新闻' } },
  announcements: { kind: 'ANNOUNCEMENT', title: { en: 'Government announcements', zh: '通知公告' } },
  policies: { kind: 'POLICY', title: { en: 'Government policies', zh: '政策法规' } },
  notices: { kind: 'NOTICE', title: { en: 'Government notices', zh: '政府公示' } },
};

/** The feed's own words in each language. */
const WORDS: Record<Language, { every: (title: string) => string; department: (name: string) => string; author: string; rights: string }> = {
  en: {
    every: (title) => `${title} from every department`,
    department: (name) => `Publications of the ${name}`,
    author: 'Government publications',
    rights: 'Public sector information, free to reuse with attribution.',
  },
  zh: {
    every: (title) => `各部门的${title}`,
    department: (name) => `${name}发布的政务信息`,
    author: '政务公开',
    rights: '公共信息，注明出处即可自由使用。',
  },
};

/** The language a feed is in: only `?lang=`, so its address alone decides. */
const feedLanguage = (lang: unknown): Language => languageOf(typeof lang === 'string' ? lang : null) ?? DEFAULT_LANGUAGE;
/** A feed's (or a portal page's) address in `lang`. */
const inLanguage = (self: string, lang: Language) => (lang === DEFAULT_LANGUAGE ? self : `${self}?lang=${lang}`);

const ENTRY = `edges { node { id slug kind title summary topics publishedAt updatedAt department { code name } } }`;

const KIND_QUERY = `query KindFeed($kind: PublicationKind!, $first: Int!) {
  publications(filter: { kinds: [$kind] }, first: $first) { ${ENTRY} }
}`;

const DEPARTMENT_QUERY = `query DepartmentFeed($code: String!, $first: Int!) {
  department(code: $code) { id code name publications(first: $first) { ${ENTRY} } }
}`;

interface Entry {
  id: string;
  slug: string;
  kind: string;
  title: string;
  summary: string;
  topics: string[];
  publishedAt: string;
  updatedAt: string;
  department: { code: string; name: string };
}
type Edges = { edges: { node: Entry }[] };

/** Names the feeds' ids: the same feed has the same id whatever address it is read at. */
const FEED_NAMESPACE = '6f1c7c52-3b0e-4c8e-9a43-0d5f2b7e9a10';

/**
 * The feed library takes absolute URLs only; without PUBLIC_URL the links are made on this
 * placeholder origin and written out root-relative (`.invalid` is never a real host, RFC 2606).
 */
const PLACEHOLDER = 'http://root-relative.invalid';
const rootRelative = (atom: string) => atom.replaceAll(`href="${PLACEHOLDER}/`, 'href="/');

export function feedsRouter(services: GatewayServices, opts: { publicUrl?: string } = {}): Router {
  const router = express.Router();
  const link = (pathname: string) => publicLink(opts.publicUrl ?? PLACEHOLDER, pathname);

  router.get('/feeds/departments/:code.atom', async (req, res) => {
    const code = req.params.code;
    const lang = feedLanguage(req.query.lang);
    const data = await services.publicQuery<{ department: { code: string; name: string; publications: Edges } | null }>(
      DEPARTMENT_QUERY,
      { code, first: FEED_SIZE },
      lang,
    );
    if (!data.department) return void res.status(404).type('text/plain').send('No such department.');
    const d = data.department;
    const self = `/feeds/departments/${encodeURIComponent(code)}.atom`;
    send(res, link, { self, lang }, d.name, WORDS[lang].department(d.name), d.publications.edges.map((e) => e.node));
  });

  router.get('/feeds/:name.atom', async (req, res, next) => {
    const feed = KIND_FEEDS[req.params.name];
    if (!feed) return next();
    const lang = feedLanguage(req.query.lang);
    const data = await services.publicQuery<{ publications: Edges }>(KIND_QUERY, { kind: feed.kind, first: FEED_SIZE }, lang);
    const title = feed.title[lang];
    send(res, link, { self: `/feeds/${req.params.name}.atom`, lang }, title, WORDS[lang].every(title), data.publications.edges.map((e) => e.node));
  });

  return router;
}

function send(
  res: Response,
  link: (pathname: string) => string,
  { self: path, lang }: { self: string; lang: Language },
  title: string,
  description: string,
  entries: Entry[],
) {
  const self = inLanguage(path, lang);
  const words = WORDS[lang];
  const feed = new Feed({
    // Atom wants an absolute IRI; a name-based UUID is one without knowing the public address.
    id: `urn:uuid:${uuidv5(self, FEED_NAMESPACE)}`,
    language: lang,
    title,
    description,
    link: link('/'),
    // Atom requires an updated time; an empty feed has not changed since it was made.
    updated: entries.length ? new Date(Math.max(...entries.map((e) => Date.parse(e.updatedAt)))) : new Date(0),
    feedLinks: { atom: link(self) },
    author: { name: words.author },
    copyright: words.rights,
    generator: false,
  });
  for (const e of entries) {
    feed.addItem({
      // A URN keeps an entry's id stable even if the portal's address changes.
      id: `urn:uuid:${e.id}`,
      title: escapeHtml(e.title),
      link: link(inLanguage(`/publications/${encodeURIComponent(e.slug)}`, lang)),
      description: escapeHtml(e.summary),
      date: new Date(e.updatedAt),
      published: new Date(e.publishedAt),
      author: [{ name: e.department.name }],
      category: [{ term: e.kind.toLowerCase(), name: e.kind }, ...e.topics.map((t) => ({ term: t, name: t }))],
    });
  }
  res.setHeader('Content-Type', 'application/atom+xml; charset=utf-8');
  res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
  // The feed's language on its root element, and the same feed in the other languages.
  const others = LANGUAGES.filter((l) => l !== lang)
    .map((l) => `<link rel="alternate" type="application/atom+xml" hreflang="${l}" href="${escapeHtml(link(inLanguage(path, l)))}"/>`)
    .join('');
  const atom = feed
    .atom1()
    .replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`)
    .replace(/(<link rel="self"[^>]*\/>)/, `$1${others}`);
  res.setHeader('Content-Language', lang);
  res.send(rootRelative(atom));
}

/** The feed library marks entry titles and summaries as HTML; ours are plain text, so a `<` must stay a `<`. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
