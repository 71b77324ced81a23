import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { ROOT } from '../core/root';
import type { CollectedSpan } from './trace-collector';

/** Helpers for tests that use the graph the way clients do: over HTTP, through the gateway. */
export interface GraphResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
  extensions?: Record<string, any>;
  /** The W3C trace the request was sent in (`traced` requests): its id and the test's own span, the gateway's parent. */
  trace?: { traceId: string; parentId: string };
}

export const gatewayUrl = () => inject('gatewayUrl');

/** A contract operation as the clients send it, from clients/operations/<folder>/<Name>.graphql. */
export function operation(name: `${'web' | 'officer' | 'analyst'}/${string}`): string {
  return readFileSync(path.join(ROOT, 'clients', 'operations', `${name}.graphql`), 'utf8');
}

export async function gql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; headers?: Record<string, string>; traced?: boolean } = {},
): Promise<GraphResponse<T>> {
  // A traced request goes to the internal listener (no response cache, its subgraph calls its
  // own) in a trace of its own, whose spans costOf reads.
  const trace = opts.traced ? { traceId: randomBytes(16).toString('hex'), parentId: randomBytes(8).toString('hex') } : undefined;
  const res = await fetch(opts.traced ? inject('internalUrl') : gatewayUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(trace ? { traceparent: `00-${trace.traceId}-${trace.parentId}-01` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object), trace };
}

/** The stable error codes of a response, in order. */
export const codes = (r: GraphResponse) => (r.errors ?? []).map((e) => e.extensions?.code);

const tokens = new Map<string, Promise<string>>();
export const DEMO_PASSWORD = 'demo-password-2026';

/**
 * Signs in a demo (or any) account once and reuses its token: once per worker, for every file it
 * runs (module isolation is off, vitest.config.ts). So no test may end the sessions of an account
 * it did not make (sign out everywhere, a new password, a role change): it makes its own.
 */
export function tokenFor(email: string, password = DEMO_PASSWORD): Promise<string> {
  let token = tokens.get(email);
  if (!token) {
    token = gql(operation('web/Login'), { email, password }).then((r) => {
      if (!r.data?.login?.token) throw new Error(`cannot sign in ${email}: ${JSON.stringify(r)}`);
      return r.data.login.token as string;
    });
    tokens.set(email, token);
  }
  return token;
}

/** A fresh citizen account, so a test owns everything it creates. */
export async function newCitizen(label = 'citizen'): Promise<{ token: string; id: string; email: string }> {
  const email = `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const r = await gql(operation('web/Register'), { input: { email, password: 'a-long-password-1', displayName: `Test ${label}` } });
  if (!r.data?.register?.token) throw new Error(`cannot register: ${JSON.stringify(r)}`);
  return { token: r.data.register.token, id: r.data.register.user.id, email };
}

export type Cost = Record<string, { fetches: number; sqlStatements: number }>;

/**
 * What a `traced` request cost, per subgraph, from its spans: the gateway's calls to it, and the
 * SQL statements it ran for them. Statements whose result the subgraph remembers for every
 * request (under a `remembered` span) and the work of subgraphs' reads of each other's data
 * (the gateway's `/service/graphql`) are not the request's own and are left out.
 */
export async function costOf(r: GraphResponse): Promise<Cost> {
  if (!r.trace) throw new Error('costOf needs a response of gql(…, { traced: true })');
  const spans = await traceOf(r);
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const ancestors = function* (s: CollectedSpan) {
    for (let p = s.parentSpanId && byId.get(s.parentSpanId); p; p = p.parentSpanId && byId.get(p.parentSpanId)) yield p;
  };
  const cost: Cost = {};
  const of = (subgraph: string) => (cost[subgraph] ??= { fetches: 0, sqlStatements: 0 });
  for (const s of spans) {
    const chain = [...ancestors(s)];
    if (chain.some((p) => p.kind === SERVER && p.attributes['egov.component'] === 'gateway-internal' && p !== chain.at(-1))) continue;
    if (s.kind === CLIENT && typeof s.attributes['egov.subgraph'] === 'string') of(s.attributes['egov.subgraph']).fetches += 1;
    if (s.kind === CLIENT && s.attributes['db.system.name'] && !chain.some((p) => p.name === 'remembered')) {
      const server = chain.find((p) => p.kind === SERVER);
      of(String(server?.attributes['egov.component'])).sqlStatements += 1;
    }
  }
  return cost;
}

const SERVER = 1;
const CLIENT = 2;

/**
 * Every span of a `traced` request's trace, once complete: the gateway's root span (child of the
 * test's) and every span's parent are there (spans are exported as they end, the root last).
 */
export async function traceOf(r: GraphResponse): Promise<CollectedSpan[]> {
  const { traceId, parentId } = r.trace!;
  return eventually(async () => {
    const spans = (await (await fetch(`${inject('traceCollectorUrl')}/traces/${traceId}`)).json()) as CollectedSpan[];
    const ids = new Set(spans.map((s) => s.spanId));
    const roots = spans.filter((s) => s.parentSpanId === parentId);
    if (roots.length !== 1 || spans.some((s) => s.parentSpanId !== parentId && !ids.has(s.parentSpanId!))) throw new Error(`trace ${traceId} is not complete yet`);
    return spans;
  });
}

/** Polls `check` until its value satisfies `ok`, and returns it; after `ms`, fails with the last value. */
export function settled<T>(check: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  return eventually(async () => {
    const value = await check();
    if (!ok(value)) throw new Error(`not settled after ${ms} ms: ${JSON.stringify(value)?.slice(0, 500)}`);
    return value;
  }, ms);
}

/** Polls until `check` passes (or `ms` runs out): for what settles asynchronously, like a graph swap. */
export async function eventually<T>(check: () => Promise<T>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
