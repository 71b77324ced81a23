import express, { type Request, type Response, type Router } from 'express';
import type { Identity } from '../core/identity';
import { RegistryError, type Registry } from './registry';

/** Where a subgraph that is only being checked (no URL given, none published) would be reached. */
const UNPUBLISHED_URL = 'http://unpublished.invalid/graphql';

const STATUS: Record<RegistryError['code'], number> = {
  BAD_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CHECK_FAILED: 422,
  COMPOSITION_FAILED: 422,
};

type Handler = (req: Request, identity: Identity) => Promise<unknown>;

/**
 * The registry over HTTP for admins, on the gateway: `/admin/subgraphs` lists, checks, publishes
 * and rolls back subgraphs. With the embedded database only the running platform reaches the
 * registry, so the CLI (`npm run subgraph`) goes through here too. Every answer is JSON:
 * the result, or `{ error: { code, message }, report? }`.
 */
export function registryAdminRouter(registry: Registry, identify: (req: Request) => Promise<Identity>): Router {
  const router = express.Router();
  const admin = (handler: Handler) => async (req: Request, res: Response) => {
    let identity: Identity;
    try {
      identity = await identify(req);
    } catch {
      return res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'The sign-in token is invalid or expired. Sign in again.' } });
    }
    if (!identity.userId) return res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in as an admin.' } });
    if (!identity.roles.includes('ADMIN')) return res.status(403).json({ error: { code: 'FORBIDDEN', message: 'Only admins manage subgraphs.' } });
    try {
      res.json(await handler(req, identity));
    } catch (err) {
      if (err instanceof RegistryError) {
        return res.status(STATUS[err.code]).json({ error: { code: err.code, message: err.message }, report: err.report });
      }
      console.error(`[registry] ${res.locals.requestId ?? ''}`, err);
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.' } });
    }
  };
  const body = (req: Request) => (req.body ?? {}) as { name?: string; url?: string; schema?: string; version?: number };

  router.use('/admin/subgraphs', express.json({ limit: '2mb' }));

  router.get('/admin/subgraphs', admin(async () => {
    const { supergraph, subgraphs } = await registry.state();
    return {
      supergraphVersion: supergraph?.version ?? null,
      subgraphs: subgraphs.map((s) => ({ name: s.name, version: s.version, url: s.routing_url, publishedBy: s.published_by, publishedAt: s.published_at })),
    };
  }));

  router.get('/admin/subgraphs/:name/history', admin(async (req) => {
    const name = String(req.params.name);
    const [versions, { supergraph }] = await Promise.all([registry.history(name), registry.state()]);
    if (!versions.length) throw new RegistryError('NOT_FOUND', `No subgraph named ${name} was ever published.`);
    return {
      name,
      currentVersion: supergraph?.members[name] ?? null,
      versions: versions.map((v) => ({ version: v.version, url: v.routing_url, publishedBy: v.published_by, publishedAt: v.published_at })),
    };
  }));

  router.post('/admin/subgraphs/check', admin(async (req) => {
    const { name = '', url, schema = '' } = body(req);
    const current = (await registry.state()).subgraphs.find((s) => s.name === name);
    return registry.check({ name, url: url ?? current?.routing_url ?? UNPUBLISHED_URL, sdl: schema });
  }));

  router.post('/admin/subgraphs', admin(async (req, identity) => {
    const { name = '', url = '', schema = '' } = body(req);
    return registry.publish({ name, url, sdl: schema }, identity.userId!);
  }));

  router.post('/admin/subgraphs/:name/rollback', admin(async (req, identity) => {
    const { version } = body(req);
    if (version !== undefined && !Number.isInteger(version)) throw new RegistryError('BAD_INPUT', 'version: a whole number.');
    return registry.rollback(String(req.params.name), identity.userId!, version);
  }));

  return router;
}
