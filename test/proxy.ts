import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of a subgraph, which a test can slow down, take down and bring back on
 * the same port: a subgraph outage without touching the shared platform.
 */
export class SubgraphProxy {
  delayMs = 0;
  /** Whether the subgraph's `cache-control` header is passed on (it is dropped otherwise), and the last one a GraphQL request got. */
  passCacheControl = false;
  lastCacheControl: string | null = null;
  private server: http.Server | null = null;
  /** The path of every request that reached the proxy, in order. */
  readonly paths: string[] = [];
  private arrivals: (() => void)[] = [];
  private port = 0;

  constructor(private readonly target: string) {}

  get url() {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start(): Promise<void> {
    this.server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const pathname = req.url?.split('?')[0] ?? '/';
      this.paths.push(pathname);
      // A GraphQL call arriving, not the gateway's audit relay (audit/outbox, every second) beside them.
      if (pathname === '/graphql') for (const arrived of this.arrivals.splice(0)) arrived();
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      try {
        const upstream = await fetch(new URL(req.url ?? '/', this.target), {
          method: req.method,
          headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>,
          body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
        });
        const cacheControl = upstream.headers.get('cache-control');
        if (pathname === '/graphql') this.lastCacheControl = cacheControl;
        res.writeHead(upstream.status, {
          'content-type': upstream.headers.get('content-type') ?? 'application/json',
          ...(this.passCacheControl && cacheControl ? { 'cache-control': cacheControl } : {}),
        });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.writeHead(502).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves when the next GraphQL request reaches the proxy (a call is then in flight). */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.arrivals.push(resolve));
  }

  /** Closes the port and every open connection: the subgraph is gone. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
