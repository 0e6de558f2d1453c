import { appendFileSync } from 'node:fs';
import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Appends finished spans as JSON lines to a file. For tests that follow one trace across several processes
 * (each process appends to its own file or to a shared one), where an in-memory exporter cannot reach.
 */
export class FileSpanExporter implements SpanExporter {
  constructor(
    private readonly path: string,
    private readonly serviceName: string,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      const lines = spans.map((span) => {
        const context = span.spanContext();
        return JSON.stringify({
          service: this.serviceName,
          traceId: context.traceId,
          spanId: context.spanId,
          parentSpanId: span.parentSpanContext?.spanId,
          name: span.name,
          kind: span.kind,
          // Milliseconds since the epoch and duration in ms: enough to read a saga's hops off a trace.
          startMs: span.startTime[0] * 1000 + span.startTime[1] / 1e6,
          durationMs: span.duration[0] * 1000 + span.duration[1] / 1e6,
        });
      });
      if (lines.length > 0) appendFileSync(this.path, `${lines.join('\n')}\n`);
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
}
