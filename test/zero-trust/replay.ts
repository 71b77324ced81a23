import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose';
import { DELEGATION_HEADER, IDENTITY_HEADER } from '../../core/headers';
import type { Captured } from './hostile-subgraph';
import { jsonOrRaw } from '../gateway';

/** What a replay got back, kept whole so the last check can search every answer for leaks. */
export interface Answer {
  to: string;
  status: number;
  body: any;
}

/** Headers that describe one connection, not the request: fetch sets its own. */
const HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** The captured headers as they can be sent again, every one of them. */
export const resendable = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([k, v]) => !HOP.has(k) && v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v!]),
  );

export const tokenOf = (c: Captured) => String(c.headers[IDENTITY_HEADER]);
export const claimsOf = (c: Captured) => decodeJwt(tokenOf(c)) as { aud: string; sub: string; roles: string[]; exp: number; jti: string; ip?: string | null };

export async function send(to: string, headers: Record<string, string>, body: string, method = 'POST'): Promise<Answer> {
  const res = await fetch(to, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : body });
  return { to, status: res.status, body: await jsonOrRaw(res) };
}

/**
 * Every way a client can put a captured token on a gateway request: as a sign-in token, or in
 * every header the platform uses between its own parts at once.
 */
export const asCredential = (token: string): [string, Record<string, string>][] => [
  ['bearer', { authorization: `Bearer ${token}` }],
  ['internal headers', { [IDENTITY_HEADER]: token, [DELEGATION_HEADER]: token }],
];

/** The stable error codes of an answer, in order. */
export const codesOf = (a: Answer) => ((a.body?.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);

/** A refusal before any GraphQL ran: the status, one error with the code, no data at all. */
export function expectRefused(a: Answer, status: number, code: string) {
  expect(a.status, `${a.to}: ${JSON.stringify(a.body)}`).toBe(status);
  expect(codesOf(a), a.to).toEqual([code]);
  expect(a.body.data, a.to).toBeUndefined();
}

/** What matters of an answer when comparing it with another: status, error codes and data. */
export const outcome = (a: Answer) => ({ status: a.status, codes: codesOf(a), data: a.body.data });

const anonymous = new Map<string, Promise<Answer>>();
/** What anybody gets for `body` at `to` without any credential (asked once). */
export function asAnonymous(to: string, body: string): Promise<Answer> {
  const key = `${to}\n${body}`;
  if (!anonymous.has(key)) anonymous.set(key, send(to, {}, body));
  return anonymous.get(key)!;
}

/** Runs `jobs` with at most `width` in flight: quick, without flooding two shared cores. */
export async function inBatches<T>(jobs: (() => Promise<T>)[], width = 16): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < jobs.length; i += width) out.push(...(await Promise.all(jobs.slice(i, i + width).map((j) => j()))));
  return out;
}

/**
 * Tokens a thief can make from a captured one and `claims` of its choosing: the gateway's
 * signature over other claims, no signature at all, its own key under the gateway's key id, and
 * the gateway's public key used as an HMAC secret (the classic algorithm confusion).
 */
export async function forgeries(token: string, claims: Record<string, unknown>, jwksUrl: string): Promise<string[]> {
  const [header, payload, signature] = token.split('.');
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const altered = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...claims };
  const { kid } = decodeProtectedHeader(token);
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const published = ((await (await fetch(jwksUrl)).json()) as { keys: { kid: string; x: string }[] }).keys.find((k) => k.kid === kid)!;
  return [
    `${header}.${enc(altered)}.${signature}`,
    `${enc({ alg: 'none', kid })}.${enc(altered)}.`,
    await new SignJWT(altered).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey),
    await new SignJWT(altered).setProtectedHeader({ alg: 'HS256', kid }).sign(Buffer.from(published.x, 'base64url')),
  ];
}
