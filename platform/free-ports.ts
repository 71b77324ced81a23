import net from 'node:net';

/** The first of `count` consecutive ports on 127.0.0.1 that nobody listens on (tests, benchmarks). */
export async function freePorts(count: number): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => free(base + i)));
    if (checks.every(Boolean)) return base;
  }
}
