import express, { type Response, type Router } from 'express';
import { Feed } from 'feed';
import { v5 as uuidv5 } from 'uuid';
import { publicLink } from '../core/links';
import type { GatewayServices } from './services';

/**
 * Atom 1.0 feeds of public publications, newest first: one per kind (`/feeds/news.atom`,
 * `/feeds/announcements.atom`, `/feeds/policies.atom`, `/feeds/notices.atom`) and one per
 * department (`/feeds/departments/<code>.atom`). Built from the graph as the anonymous public sees
 * it, so a feed can never show what a list would not. Nothing is cached here; clients and proxies
 * may keep a feed for MAX_AGE_SECONDS, so a new item is in every feed within that time.
 * Links are on PUBLIC_URL, or root-relative without it; never on the request's Host header, which
 * the client writes (a forged one would put its links into what proxies keep and pass on).
 */
export const MAX_AGE_SECONDS = 5;
/** Entries per feed: the newest, as many as one page of the graph holds. */
const FEED_SIZE = 100;

const KIND_FEEDS: Record<string, { kind: string; title: string }> = {
  news: { kind: 'NEWS', title: 'Government news' },
  announcements: { kind: 'ANNOUNCEMENT', title: 'Government announcements' },
  policies: { kind: 'POLICY', title: 'Government policies' },
  notices: { kind: 'NOTICE', title: 'Government notices' },
};

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
    const data = await services.publicQuery<{ department: { code: string; name: string; publications: Edges } | null }>(
      DEPARTMENT_QUERY,
      { code, first: FEED_SIZE },
    );
    if (!data.department) return void res.status(404).type('text/plain').send('No such department.');
    const d = data.department;
    const self = `/feeds/departments/${encodeURIComponent(code)}.atom`;
    send(res, link, self, d.name, `Publications of the ${d.name}`, d.publications.edges.map((e) => e.node));
  });

  router.get('/feeds/:name.atom', async (req, res, next) => {
    const feed = KIND_FEEDS[req.params.name];
    if (!feed) return next();
    const data = await services.publicQuery<{ publications: Edges }>(KIND_QUERY, { kind: feed.kind, first: FEED_SIZE });
    send(res, link, `/feeds/${req.params.name}.atom`, feed.title, `${feed.title} from every department`, data.publications.edges.map((e) => e.node));
  });

  return router;
}

function send(res: Response, link: (pathname: string) => string, self: string, title: string, description: string, entries: Entry[]) {
  const feed = new Feed({
    // Atom wants an absolute IRI; a name-based UUID is one without knowing the public address.
    id: `urn:uuid:${uuidv5(self, FEED_NAMESPACE)}`,
    title,
    description,
    link: link('/'),
    // Atom requires an updated time; an empty feed has not changed since it was made.
    updated: entries.length ? new Date(Math.max(...entries.map((e) => Date.parse(e.updatedAt)))) : new Date(0),
    feedLinks: { atom: link(self) },
    author: { name: 'Government publications' },
    copyright: 'Public sector information, free to reuse with attribution.',
    generator: false,
  });
  for (const e of entries) {
    feed.addItem({
      // A URN keeps an entry's id stable even if the portal's address changes.
      id: `urn:uuid:${e.id}`,
      title: escapeHtml(e.title),
      link: link(`/publications/${encodeURIComponent(e.slug)}`),
      description: escapeHtml(e.summary),
      date: new Date(e.updatedAt),
      published: new Date(e.publishedAt),
      author: [{ name: e.department.name }],
      category: [{ term: e.kind.toLowerCase(), name: e.kind }, ...e.topics.map((t) => ({ term: t, name: t }))],
    });
  }
  res.setHeader('Content-Type', 'application/atom+xml; charset=utf-8');
  res.setHeader('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
  res.send(rootRelative(feed.atom1()));
}

/** The feed library marks entry titles and summaries as HTML; ours are plain text, so a `<` must stay a `<`. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
