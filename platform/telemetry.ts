import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { Env } from './config';

/**
 * Traces are recorded only when the standard variables ask for them: `OTEL_TRACES_EXPORTER=otlp`,
 * or an OTLP endpoint given (`OTEL_EXPORTER_OTLP_ENDPOINT`, or `…_TRACES_ENDPOINT`) with no
 * exporter named. Otherwise no SDK is registered and the platform's spans (core/tracing.ts) are
 * the OpenTelemetry API's no-ops.
 */
export function traceExporterFrom(env: Env): SpanExporter | null {
  const exporter = env.OTEL_TRACES_EXPORTER ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none');
  if (exporter === 'none') return null;
  // OTLP over HTTP (protobuf-free JSON): the traces endpoint as given, or `/v1/traces` on the base.
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318';
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? new URL('v1/traces', base.endsWith('/') ? base : `${base}/`).toString();
  return new OTLPTraceExporter({ url });
}

export interface Tracing {
  /** Sends what is still buffered; the last thing a process does before it exits. */
  shutdown: () => Promise<void>;
}

let running: Tracing | null = null;

/**
 * Registers the tracer provider (once per process: the API holds one global) with W3C trace
 * context propagation and async-local context. `exporter` replaces the one the variables name
 * (the test suite's in-memory collector, which wants each span as soon as it ends).
 */
export function startTracing(env: Env, serviceName: string, exporter?: SpanExporter): Tracing {
  if (running) return running;
  const chosen = exporter ?? traceExporterFrom(env);
  if (!chosen) return (running = { shutdown: async () => {} });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: [exporter ? new SimpleSpanProcessor(chosen) : new BatchSpanProcessor(chosen)],
  });
  provider.register();
  running = {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      running = null;
    },
  };
  return running;
}
