import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MAX_MS, closeIdleConnectionsFirst } from './keep-alive';

describe('kept-alive connections', () => {
  let server: Server;
  afterAll(() => server?.close());

  it("are closed by this process's fetch before a server that keeps them 65 s would close them", async () => {
    closeIdleConnectionsFirst();
    server = createServer((_req, res) => res.end('ok'));
    server.keepAliveTimeout = 65_000;
    const connected = once(server, 'connection') as Promise<[Socket]>;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await res.text()).toBe('ok');
    const [socket] = await connected;
    const idleSince = Date.now();
    // The client's end of the connection: the server's socket hears it end, long before its own 65 s.
    await once(socket, 'end');
    const idle = Date.now() - idleSince;
    expect(idle).toBeGreaterThanOrEqual(KEEP_ALIVE_MAX_MS - 1_000);
    // Without it, undici keeps the connection 63 s (the server's hint less 2 s).
    expect(idle).toBeLessThan(KEEP_ALIVE_MAX_MS + 5_000);
  }, 70_000);
});
