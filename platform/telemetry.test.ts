import { context, SpanKind, trace } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './config';
import { traceExporterFrom } from './telemetry';
import { eventually } from '../test/graph';
import { startTraceCollector, type CollectedSpan } from '../test/trace-collector';

describe('trace export', () => {
  it('is off unless the standard variables ask for it', () => {
    expect(traceExporterFrom(parseEnv({}))).toBeNull();
    expect(traceExporterFrom(parseEnv({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }))).toBeNull();
    expect(() => parseEnv({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER/);
  });

  it('sends spans over OTLP/HTTP to `/v1/traces` of OTEL_EXPORTER_OTLP_ENDPOINT (the production suite reads its traces so)', async () => {
    const collector = await startTraceCollector();
    try {
      const exporter = traceExporterFrom(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url }))!;
      // A provider of its own, not registered: this test process's global tracer stays untouched.
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const tracer = provider.getTracer('test');
      const parent = tracer.startSpan('POST /graphql', { kind: SpanKind.SERVER });
      const child = tracer.startSpan('select identity', { kind: SpanKind.CLIENT, attributes: { 'db.namespace': 'identity' } }, trace.setSpan(context.active(), parent));
      child.end();
      parent.end();
      await provider.forceFlush();
      const { traceId, spanId } = parent.spanContext();
      const spans = await eventually(async () => {
        const got = (await (await fetch(`${collector.url}/traces/${traceId}`)).json()) as CollectedSpan[];
        expect(got).toHaveLength(2);
        return got;
      });
      expect(spans).toEqual(
        expect.arrayContaining([
          { traceId, spanId, parentSpanId: null, name: 'POST /graphql', kind: SpanKind.SERVER, attributes: {} },
          { traceId, spanId: child.spanContext().spanId, parentSpanId: spanId, name: 'select identity', kind: SpanKind.CLIENT, attributes: { 'db.namespace': 'identity' } },
        ]),
      );
      await provider.shutdown();
      expect(trace.getActiveSpan()).toBeUndefined();
    } finally {
      await collector.stop();
    }
  });
});
