import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, register } from 'prom-client';

/**
 * The process's metrics, in Prometheus' text format (prom-client's default registry): each part
 * of the platform registers what it measures there, and whichever listener the process has for
 * its own parts serves them at `/metrics` (the gateway's internal listener; a subgraph run as a
 * part of its own, on its port). Node's own (event-loop lag, heap, GC, handles) come with them.
 */
let defaultsOn = false;

export function metricsHandler() {
  if (!defaultsOn) {
    collectDefaultMetrics({ eventLoopMonitoringPrecision: 20 });
    defaultsOn = true;
  }
  return async (_req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-type', register.contentType);
    res.end(await register.metrics());
  };
}

/** prom-client keeps one metric per name per process: a second gateway in a test shares the first's. */
export function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}
