// The scenario of trace-probe.ts, loaded only after tracing started (see there).
import { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { context, trace } from '@opentelemetry/api';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { GrpcIdentityFacade, protoPath } from '@libs/contracts';
import { startJunction } from '../../src/bootstrap';

export async function runScenario(memory: InMemorySpanExporter): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  const junction = await startJunction({
    env: { PORT: '0', HOST: '127.0.0.1', MODULES: 'baggage', ADAPTERS: 'memory', LOG_LEVEL: 'info', IDENTITY_GRPC_URL: '127.0.0.1:1' },
    logDestination: new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }),
  });

  // 1. HTTP: an incoming traceparent becomes the parent of the server span, and the request's log line names it.
  const incomingTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const incomingSpan = '00f067aa0ba902b7';
  await fetch(`${junction.httpUrl}/health/live`, { headers: { traceparent: `00-${incomingTrace}-${incomingSpan}-01` } });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const serverSpan = memory.getFinishedSpans().find((s) => s.spanContext().traceId === incomingTrace && s.kind === 1);
  const logLine = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request' && l.traceId === incomingTrace);

  // 2. gRPC: a remote facade call made inside a span carries that trace in its metadata.
  let seenTraceparent: string | undefined;
  const server = new grpc.Server();
  const pkg = grpc.loadPackageDefinition(loadSync(protoPath('identity/v1/identity.proto'), { keepCase: true })) as unknown as {
    identity: { v1: { IdentityService: { service: grpc.ServiceDefinition } } };
  };
  server.addService(pkg.identity.v1.IdentityService.service, {
    UserExists: (call: { metadata: grpc.Metadata }, cb: (e: null, r: { exists: boolean }) => void) => {
      seenTraceparent = String(call.metadata.get('traceparent')[0] ?? '');
      cb(null, { exists: true });
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const facade = new GrpcIdentityFacade({ address: `127.0.0.1:${port}`, credentials: grpc.ChannelCredentials.createInsecure(), deadlineMs: 2000 });
  const tracer = trace.getTracer('probe');
  const span = tracer.startSpan('caller');
  const exists = await context.with(trace.setSpan(context.active(), span), () => facade.userExists('a@b.c'));
  span.end();

  facade.close();
  server.forceShutdown();
  await junction.close();
  const parent = (serverSpan as unknown as { parentSpanContext?: { spanId: string } } | undefined)?.parentSpanContext;
  return {
    http: { serverSpanParent: parent?.spanId, logTraceId: logLine?.traceId },
    grpc: { exists, callerTraceId: span.spanContext().traceId, seenTraceparent },
  };
}
