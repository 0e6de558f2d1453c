import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor, BatchSpanProcessor, ConsoleSpanExporter, SpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { FileSpanExporter } from './file-span-exporter';

export type TracesExporter = 'none' | 'otlp' | 'console' | 'memory' | 'file';

export interface TracingOptions {
  serviceName: string;
  exporter: TracesExporter;
  otlpEndpoint?: string;
  /** With exporter=file: where spans are appended as JSON lines. */
  filePath?: string;
}

export interface Tracing {
  /** Only with exporter=memory: the finished spans, for tests. */
  memory?: InMemorySpanExporter;
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry before anything else is required (so the HTTP and gRPC hooks can patch), with the W3C
 * propagator. No resource detectors: the cloud ones probe metadata addresses, which we never touch.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (options.exporter === 'none') return { shutdown: async () => undefined };
  const memory = options.exporter === 'memory' ? new InMemorySpanExporter() : undefined;
  const processor: SpanProcessor = memory
    ? new SimpleSpanProcessor(memory)
    : options.exporter === 'file'
      ? new SimpleSpanProcessor(new FileSpanExporter(options.filePath ?? 'spans.jsonl', options.serviceName))
      : new BatchSpanProcessor(exporterFor(options));
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    autoDetectResources: false,
    resourceDetectors: [],
    spanProcessors: [processor],
    // Traces only: without these NodeSDK would also start OTLP metrics and logs exporters.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [new HttpInstrumentation(), new GrpcInstrumentation()],
  });
  sdk.start();
  return { memory, shutdown: () => sdk.shutdown() };
}

function exporterFor(options: TracingOptions): SpanExporter {
  if (options.exporter === 'console') return new ConsoleSpanExporter();
  // Loaded lazily: only processes that export over OTLP pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  return new OTLPTraceExporter({ url: `${options.otlpEndpoint ?? 'http://127.0.0.1:4318'}/v1/traces` });
}
