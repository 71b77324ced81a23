import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * The lowest port the OS hands out by itself (Linux's ip_local_port_range; 32768 elsewhere). A
 * server asked for port 0, and every outgoing connection, gets a port from there up; ports chosen
 * below it can only be taken by someone choosing them too, never by the OS between our check and
 * the process that binds them later (a race four test files at once lost).
 */
function firstEphemeralPort(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

/** The first of `count` consecutive ports on 127.0.0.1 that nobody listens on (tests, benchmarks). */
export async function freePorts(count: number): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  const low = 10_000;
  const high = Math.max(low + 1_000, firstEphemeralPort()) - count;
  for (;;) {
    const base = low + Math.floor(Math.random() * (high - low));
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => free(base + i)));
    if (checks.every(Boolean)) return base;
  }
}
