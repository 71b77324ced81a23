import { trace } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER } from './headers';
import { log } from './log';

/** The W3C trace id a request carries (`traceparent`), when no span of ours holds one. */
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

/**
 * One log line per request when its response is finished: who answered (`component`), the
 * request and trace ids, method, path (never the query string, which can hold a GET's
 * variables), status and duration. Nothing of the body, the headers or the caller but ids.
 */
export function requestLog(component: string, level: 'info' | 'debug' = 'info') {
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void) => {
    const t0 = performance.now();
    const traceId = trace.getActiveSpan()?.spanContext().traceId ?? TRACEPARENT.exec(String(req.headers.traceparent ?? ''))?.[1];
    res.on('finish', () => {
      if (!log.isLevelEnabled(level)) return;
      const requestId = res.getHeader(REQUEST_ID_HEADER) ?? req.headers[REQUEST_ID_HEADER];
      log[level](
        {
          component,
          requestId,
          traceId,
          method: req.method,
          path: (req.originalUrl ?? req.url ?? '').split('?')[0],
          status: res.statusCode,
          ms: Math.round((performance.now() - t0) * 10) / 10,
        },
        'request',
      );
    });
    next();
  };
}
