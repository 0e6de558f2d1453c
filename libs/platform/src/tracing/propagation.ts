import { context, propagation, Context } from '@opentelemetry/api';

/** W3C trace context into a header map (Kafka headers, gRPC metadata, outbox rows). */
export function injectTraceContext(carrier: Record<string, string> = {}, ctx: Context = context.active()): Record<string, string> {
  propagation.inject(ctx, carrier);
  return carrier;
}

export function extractTraceContext(carrier: Record<string, string | undefined>): Context {
  return propagation.extract(context.active(), carrier);
}

export function currentTraceparent(): string | undefined {
  return injectTraceContext().traceparent;
}
