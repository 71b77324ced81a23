import { Agent, request } from 'undici';

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

/**
 * The gateway's HTTP client for subgraph calls: undici's pooled `request` behind the small
 * fetch-shaped surface Apollo's data sources use. The WHATWG `fetch` built into Node wraps every
 * call in Request/Response objects and web streams; on a 1 ms subgraph call that wrapping is a
 * large share of what the gateway adds (BENCHMARKS.md). Connections are kept alive and reused.
 * The deadline is undici's: no headers within `timeoutMs`, or a body that stalls that long, fails
 * the call (the subgraph answers in one write, so that bounds the whole call).
 */
export function subgraphFetcher(timeoutMs: number) {
  const agent = new Agent({ keepAliveTimeout: 60_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  return async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<FetchedResponse> => {
    const res = await request(url, { method: (init.method ?? 'POST') as 'POST', headers: init.headers, body: init.body, dispatcher: agent });
    let text: Promise<string> | undefined;
    const body = () => (text ??= res.body.text());
    return {
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      statusText: String(res.statusCode),
      url,
      headers: {
        get(name: string) {
          const v = res.headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
        },
      },
      json: async () => JSON.parse(await body()),
      text: body,
    };
  };
}
