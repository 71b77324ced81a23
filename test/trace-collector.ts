import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';
import { LRUCache } from 'lru-cache';

/** A finished span as tests read it. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OpenTelemetry's SpanKind: 0 internal, 1 server, 2 client. */
  kind: number;
  attributes: Record<string, unknown>;
}

/** OTLP/JSON's span as the platform's exporter sends it (ids in hex; kinds counted from 1). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/**
 * The test suite's in-memory span store: the exporter of the platform the main suite runs in
 * its own process, and an OTLP/HTTP receiver (`POST /v1/traces`, JSON) for a platform that runs
 * apart and exports as in production (the production suite). It keeps the spans of the last few
 * thousand traces and serves a trace's spans at `GET /traces/<traceId>`, so a test (in a worker
 * process) reads what one of its requests cost.
 */
export async function startTraceCollector(): Promise<{ exporter: SpanExporter; url: string; stop: () => Promise<void> }> {
  const traces = new LRUCache<string, CollectedSpan[]>({ max: 5000 });
  const keep = (span: CollectedSpan) => traces.set(span.traceId, [...(traces.get(span.traceId) ?? []), span]);
  const exporter: SpanExporter = {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      for (const s of spans) {
        const { traceId, spanId } = s.spanContext();
        keep({ traceId, spanId, parentSpanId: s.parentSpanContext?.spanId ?? null, name: s.name, kind: s.kind, attributes: { ...s.attributes } });
      }
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => {},
  };
  const receive = (body: { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] }) => {
    for (const s of (body.resourceSpans ?? []).flatMap((r) => r.scopeSpans ?? []).flatMap((s) => s.spans ?? [])) {
      // An attribute's value is `{ stringValue: … }`, `{ intValue: … }`, …: the one value it holds.
      const attributes = Object.fromEntries((s.attributes ?? []).map((a) => [a.key, Object.values(a.value)[0]]));
      keep({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || null, name: s.name, kind: s.kind - 1, attributes });
    }
  };
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/v1/traces') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        receive(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    const id = /^\/traces\/([\da-f]{32})$/.exec(req.url ?? '')?.[1];
    if (!id) return void res.writeHead(404).end();
    res.setHeader('content-type', 'application/json').end(JSON.stringify(traces.get(id) ?? []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    exporter,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
