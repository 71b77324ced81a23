import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { REQUEST_ID_HEADER } from './headers';

/**
 * The platform's spans (OpenTelemetry API only: without an SDK registered, platform/telemetry.ts,
 * every call here is a no-op). Made by hand rather than by require-hook instrumentation, which
 * does not see ESM imports: an HTTP server span per request (gateway and subgraphs), a client
 * span per subgraph call carrying W3C trace context, a span per SQL statement (kit/db.ts).
 * Apollo's gateway adds its own (gateway.request, plan, execute, fetch) under the server span.
 */
export const tracer = trace.getTracer('egov-federation-hub');

/** Whether the current request is being recorded: when not, nothing is built for a span. */
export const tracing = (): boolean => trace.getActiveSpan()?.isRecording() ?? false;

/** Adds the current trace context (`traceparent`) to outgoing headers. */
export function injectTraceContext(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/**
 * Express middleware: a SERVER span per request, continuing the caller's trace when its
 * `traceparent` says so, active for everything the request does; ended when the response is.
 */
export function serverSpans(component: string) {
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: () => void) => {
    const parent = propagation.extract(context.active(), req.headers);
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
    const span = tracer.startSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'egov.component': component, 'http.request.method': req.method, 'url.path': path } }, parent);
    if (!span.isRecording()) return context.with(trace.setSpan(parent, span), next);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      const requestId = res.getHeader(REQUEST_ID_HEADER) ?? req.headers[REQUEST_ID_HEADER];
      if (requestId) span.setAttribute('egov.request_id', String(requestId));
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Runs `work` in a span of its own (a child of the current one), ended when it settles. */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>, kind = SpanKind.INTERNAL): Promise<T> {
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      throw err;
    } finally {
      span.end();
    }
  });
}
