import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { ROOT } from '../core/root';

/** Helpers for tests that use the graph the way clients do: over HTTP, through the gateway. */
export interface GraphResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
  extensions?: Record<string, any>;
}

export const gatewayUrl = () => inject('gatewayUrl');

/** A contract operation as the clients send it, from clients/operations/<folder>/<Name>.graphql. */
export function operation(name: `${'web' | 'officer' | 'analyst'}/${string}`): string {
  return readFileSync(path.join(ROOT, 'clients', 'operations', `${name}.graphql`), 'utf8');
}

export async function gql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; headers?: Record<string, string>; diagnostics?: boolean } = {},
): Promise<GraphResponse<T>> {
  // Diagnostics are honoured only on the gateway's internal listener.
  const res = await fetch(opts.diagnostics ? inject('internalUrl') : gatewayUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.diagnostics ? { 'x-egov-diagnostics': '1' } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** The stable error codes of a response, in order. */
export const codes = (r: GraphResponse) => (r.errors ?? []).map((e) => e.extensions?.code);

const tokens = new Map<string, Promise<string>>();
export const DEMO_PASSWORD = 'demo-password-2026';

/** Signs in a demo (or any) account once per test file and reuses its token. */
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

/** SQL statements and subgraph fetches the request cost, per subgraph (outside production only). */
export const costOf = (r: GraphResponse) => r.extensions?.diagnostics as Record<string, { fetches: number; sqlStatements: number }>;

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
