import express, { type Request, type Response, type Router } from 'express';
import type { Identity } from '../core/identity';
import { SessionRefused } from '../core/session-introspection';
import { isDepartmentCredential } from './credentials';
import { RegistryError } from './errors';
import type { Registry, Scope } from './registry';
import { log } from '../core/log';

/** Where a subgraph that is only being checked (no URL given, none published) would be reached. */
const UNPUBLISHED_URL = 'http://unpublished.invalid/graphql';

const STATUS: Record<RegistryError['code'], number> = {
  BAD_INPUT: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CHECK_FAILED: 422,
  COMPOSITION_FAILED: 422,
};

/**
 * Who calls: an admin (sign-in token), or a department (its credential, for one subgraph name).
 * `by` is what the registry records as the author of a change.
 */
export type Caller = { admin: true; by: string } | { admin: false; by: string; subgraph: string };

type Handler = (req: Request, caller: Caller, res: Response) => Promise<unknown>;

const refuse = (res: Response, status: number, code: string, message: string) => void res.status(status).json({ error: { code, message } });

/** Refuses a department acting on any subgraph but its own. */
function mayManage(caller: Caller, name: string): void {
  if (!caller.admin && caller.subgraph !== name) {
    throw new RegistryError('FORBIDDEN', `This credential manages ${caller.subgraph} only, not ${name || 'a subgraph without a name'}.`);
  }
}

/** A department's subgraph may resolve only fields of its own, whatever its SDL claims. */
const scopeOf = (caller: Caller): Scope => ({ ownFieldsOnly: !caller.admin });

/**
 * The registry over HTTP: `/admin/subgraphs` lists, checks, publishes and rolls back subgraphs;
 * admins may do so for every subgraph and issue, list and revoke department credentials, a
 * department only for the subgraph its credential names. With the embedded database only the
 * running platform reaches the registry, so the CLI (`npm run subgraph`) goes through here too.
 * Every answer is JSON: the result, or `{ error: { code, message }, report? }`.
 * `identify` turns a sign-in token into an identity; department credentials never reach it.
 */
export function registryAdminRouter(registry: Registry, identify: (req: Request) => Promise<Identity>): Router {
  const router = express.Router();

  /** The caller, or null once the refusal has been sent. */
  const callerOf = async (req: Request, res: Response): Promise<Caller | null> => {
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() === 'bearer' && token && isDepartmentCredential(token)) {
      const department = await registry.credentials.verify(token);
      if (department) return { admin: false, subgraph: department.subgraph, by: `credential:${department.credentialId}` };
      refuse(res, 401, 'UNAUTHENTICATED', 'The department credential is unknown or revoked. Ask an admin for a new one.');
      return null;
    }
    let identity: Identity;
    try {
      identity = await identify(req);
    } catch (err) {
      // A session a gateway says has ended is refused as such; a check that could not be made is a 503.
      if (err instanceof SessionRefused) refuse(res, err.status, err.code, err.message);
      else refuse(res, 401, 'UNAUTHENTICATED', 'The sign-in token is invalid or expired. Sign in again.');
      return null;
    }
    if (!identity.userId) refuse(res, 401, 'UNAUTHENTICATED', "Sign in as an admin, or present your department's credential.");
    else if (!identity.roles.includes('ADMIN')) refuse(res, 403, 'FORBIDDEN', 'Only admins, and departments with a credential, manage subgraphs.');
    else return { admin: true, by: identity.userId };
    return null;
  };

  const route = (who: 'admins' | 'admins and departments', handler: Handler) => async (req: Request, res: Response) => {
    try {
      const caller = await callerOf(req, res);
      if (!caller) return;
      if (who === 'admins' && !caller.admin) return refuse(res, 403, 'FORBIDDEN', 'Only admins manage credentials.');
      res.json(await handler(req, caller, res));
    } catch (err) {
      if (err instanceof RegistryError) {
        return res.status(STATUS[err.code]).json({ error: { code: err.code, message: err.message }, report: err.report });
      }
      log.error({ component: 'registry', requestId: res.locals.requestId, err }, 'internal error');
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.' } });
    }
  };
  const body = (req: Request) => (req.body ?? {}) as { name?: string; url?: string; schema?: string; version?: number };

  router.use(['/admin/subgraphs', '/admin/credentials'], express.json({ limit: '2mb' }));

  router.get('/admin/subgraphs', route('admins and departments', async (_req, caller) => {
    const { supergraph, subgraphs } = await registry.state();
    return {
      supergraphVersion: supergraph?.version ?? null,
      subgraphs: subgraphs
        .filter((s) => caller.admin || s.name === caller.subgraph)
        .map((s) => ({ name: s.name, version: s.version, url: s.routing_url, publishedBy: s.published_by, publishedAt: s.published_at })),
    };
  }));

  router.get('/admin/subgraphs/:name/history', route('admins and departments', async (req, caller) => {
    const name = String(req.params.name);
    mayManage(caller, name);
    const [versions, { supergraph }] = await Promise.all([registry.history(name), registry.state()]);
    if (!versions.length) throw new RegistryError('NOT_FOUND', `No subgraph named ${name} was ever published.`);
    return {
      name,
      currentVersion: supergraph?.members[name] ?? null,
      versions: versions.map((v) => ({ version: v.version, url: v.routing_url, publishedBy: v.published_by, publishedAt: v.published_at })),
    };
  }));

  router.post('/admin/subgraphs/check', route('admins and departments', async (req, caller) => {
    const { name = '', url, schema = '' } = body(req);
    mayManage(caller, name);
    const current = (await registry.state()).subgraphs.find((s) => s.name === name);
    return registry.check({ name, url: url ?? current?.routing_url ?? UNPUBLISHED_URL, sdl: schema }, scopeOf(caller));
  }));

  router.post('/admin/subgraphs', route('admins and departments', async (req, caller) => {
    const { name = '', url = '', schema = '' } = body(req);
    mayManage(caller, name);
    return registry.publish({ name, url, sdl: schema }, caller.by, scopeOf(caller));
  }));

  router.post('/admin/subgraphs/:name/rollback', route('admins and departments', async (req, caller) => {
    const name = String(req.params.name);
    mayManage(caller, name);
    const { version } = body(req);
    if (version !== undefined && !Number.isInteger(version)) throw new RegistryError('BAD_INPUT', 'version: a whole number.');
    return registry.rollback(name, caller.by, version, scopeOf(caller));
  }));

  router.post('/admin/subgraphs/:name/credentials', route('admins', async (req, caller, res) => {
    const issued = await registry.credentials.issue(String(req.params.name), caller.by);
    // The credential is in this answer and nowhere else: no cache may keep it.
    res.status(201).set('cache-control', 'no-store');
    return issued;
  }));

  router.get('/admin/subgraphs/:name/credentials', route('admins', async (req) => ({ credentials: await registry.credentials.list(String(req.params.name)) })));

  router.get('/admin/credentials', route('admins', async () => ({ credentials: await registry.credentials.list() })));

  router.delete('/admin/subgraphs/:name/credentials/:id', route('admins', async (req, caller) =>
    registry.credentials.revoke(String(req.params.name), String(req.params.id), caller.by),
  ));

  return router;
}
