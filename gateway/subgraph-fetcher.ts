import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';
import { keptAliveAgent } from '../core/keep-alive';
import { SpanKind, trace } from '@opentelemetry/api';
import { IDENTITY_HEADER } from '../core/headers';
import { inSpan, injectTraceContext, tracing } from '../core/tracing';
import type { Identity } from '../core/identity';
import { subgraphCalls } from './metrics';

/** What RemoteGraphQLDataSource reads of a response: status, headers, and the body once. */
interface FetchedResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

interface SubgraphRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A subgraph's answer, read whole: what identical calls in flight share. */
interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The gateway's HTTP client for subgraph calls: undici's pooled `request` behind the small
 * fetch-shaped surface Apollo's data sources use. The WHATWG `fetch` built into Node wraps every
 * call in Request/Response objects and web streams; on a 1 ms subgraph call that wrapping is a
 * large share of what the gateway adds (BENCHMARKS.md). Connections are kept alive and reused.
 * The deadline is undici's: no headers within `timeoutMs`, or a body that stalls that long, fails
 * the call (the subgraph answers in one write, so that bounds the whole call).
 *
 * Each call sent gets its own identity token, signed for this subgraph and this body (`auth`),
 * with the moment this deadline passes: the subgraph commits nothing after it (kit/db.ts).
 *
 * Identical queries in flight are sent once: same subgraph, same caller identity, same body.
 * Ten officers' screens refreshing one queue, or a burst of visitors on one page the response
 * cache has not got yet, cost the subgraph one call. Only queries (never a mutation), never a
 * request that wants its calls `alone` (the internal listener's, whose traces show what one
 * request costs); the request id is not part of the identity, so the subgraph logs the first
 * caller's, and the call's spans are in the first caller's trace (the others' say they shared it).
 *
 * Each call is a CLIENT span, and carries its trace context (`traceparent`) to the subgraph.
 */
export interface CallerAuth {
  /** Who the current call is for. */
  caller: () => Identity;
  /** An identity token for this subgraph, bound to `body`, saying when the gateway stops waiting. */
  sign: (identity: Identity, body: string, deadline: number) => Promise<string>;
  /** The current call is never merged with identical ones in flight. */
  alone?: () => boolean;
}

export function subgraphFetcher(timeoutMs: number, auth: CallerAuth, subgraph = 'unnamed') {
  const agent = keptAliveAgent({ headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const inFlight = new Map<string, Promise<Answer>>();

  const send = (url: string, init: SubgraphRequest, caller: Identity): Promise<Answer> =>
    tracing() ? inSpan(`subgraph ${subgraph}`, { 'egov.subgraph': subgraph, 'server.address': url }, () => call(url, init, caller), SpanKind.CLIENT) : call(url, init, caller);

  const call = async (url: string, init: SubgraphRequest, caller: Identity): Promise<Answer> => {
    const headers = injectTraceContext({ ...init.headers, [IDENTITY_HEADER]: await auth.sign(caller, init.body ?? '', Date.now() + timeoutMs) });
    const label = { subgraph };
    const t0 = performance.now();
    subgraphCalls.requests.inc(label);
    try {
      const res = await request(url, { method: (init.method ?? 'POST') as 'POST', headers, body: init.body, dispatcher: agent });
      const answer = { status: res.statusCode, headers: res.headers, body: await res.body.text() };
      if (answer.status >= 300) subgraphCalls.errors.inc({ subgraph, kind: 'status' });
      return answer;
    } catch (err) {
      subgraphCalls.errors.inc({ subgraph, kind: 'transport' });
      throw err;
    } finally {
      subgraphCalls.duration.observe(label, (performance.now() - t0) / 1000);
    }
  };

  const shared = (url: string, init: SubgraphRequest): Promise<Answer> => {
    const caller = auth.caller();
    const key = auth.alone?.() ? null : sharingKey(url, init, caller);
    if (key === null) return send(url, init, caller);
    let answer = inFlight.get(key);
    if (answer) {
      trace.getActiveSpan()?.addEvent('shared an identical subgraph call in flight', { 'egov.subgraph': subgraph });
    } else {
      answer = send(url, init, caller).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return answer;
  };

  return async (url: string, init: SubgraphRequest): Promise<FetchedResponse> => {
    const { status, headers, body } = await shared(url, init);
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      url,
      headers: {
        get(name: string) {
          const v = headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
        },
      },
      // Each caller parses its own copy: Apollo changes the objects it is given.
      json: async () => JSON.parse(body),
      text: async () => body,
    };
  };
}

/**
 * The planner's subgraph requests are `{"query":"query …` or `{"query":"{ …` for reads and
 * `{"query":"mutation …` for writes (Apollo serialises `query` first); anything else is sent alone.
 */
const READ = /^\{"query":"(query\b|\{)/;

function sharingKey(url: string, init: SubgraphRequest, caller: Identity): string | null {
  const body = init.body ?? '';
  if (!READ.test(body)) return null;
  const who = JSON.stringify([caller.userId, caller.roles, caller.departmentId, caller.service, caller.clientIp, caller.language]);
  return `${url}\n${who}\n${body}`;
}
