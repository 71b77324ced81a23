import express, { type Router } from 'express';
import type { SupergraphFeed } from './supergraph-source';

/**
 * The registry part's feed for gateways (`registry/supergraph-source.ts` polls it over HTTP when a
 * gateway runs apart from the registry, REGISTRY_URL): the newest version, and a supergraph by
 * version. A supergraph holds the subgraphs' routing URLs, so this is for the platform's own
 * network: the load balancer exposes the registry's `/admin` only.
 */
export function supergraphFeedRouter(feed: SupergraphFeed): Router {
  const router = express.Router();
  router.get('/supergraph/latest', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ version: await feed.latestVersion() });
  });
  router.get('/supergraph/:version', async (req, res) => {
    const version = Number(req.params.version);
    const found = Number.isInteger(version) && version > 0 ? await feed.supergraph(version) : null;
    if (!found) return void res.status(404).json({ error: { code: 'NOT_FOUND', message: `No supergraph ${req.params.version}.` } });
    // A stored version never changes.
    res.setHeader('cache-control', 'max-age=31536000, immutable');
    res.json({ version: found.version, sdl: found.sdl });
  });
  return router;
}
