import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { requestContext } from '@libs/platform/logging/request-context';
import { extractTraceContext } from '@libs/platform/tracing/propagation';
import type { EventEnvelope } from '../envelope/envelope';
import { EVENT_HEADERS } from '../envelope/kafka-message';
import { runHandling } from '../envelope/handling-context';
import { consumerGroupId } from './naming';

const tracer = trace.getTracer('junction-messaging');

export interface HandlingScope {
  envelope: EventEnvelope;
  headers: Record<string, string>;
  module: string;
  topic: string;
  attempt: number;
  system: 'kafka' | 'memory';
}

/**
 * Runs one handler attempt as a CONSUMER span whose parent is the publisher's context (Kafka header first,
 * envelope field second), with the correlation id as request id (log lines) and the event as the cause
 * of anything the handler publishes.
 */
export function runTraced(scope: HandlingScope, fn: () => Promise<void>): Promise<void> {
  const { envelope, headers } = scope;
  const parent = extractTraceContext({
    traceparent: headers[EVENT_HEADERS.traceparent] ?? envelope.traceparent,
    tracestate: headers.tracestate,
  });
  const attributes = {
    'messaging.system': scope.system,
    'messaging.operation.type': 'process',
    'messaging.destination.name': scope.topic,
    'messaging.consumer.group.name': consumerGroupId(scope.module),
    'messaging.message.id': envelope.id,
    'messaging.message.conversation_id': envelope.correlationId,
    'junction.delivery.attempt': scope.attempt,
  };
  return tracer.startActiveSpan(`process ${envelope.type}`, { kind: SpanKind.CONSUMER, attributes }, parent, (span) =>
    requestContext.run({ requestId: envelope.correlationId }, () =>
      runHandling(envelope, async () => {
        try {
          await fn();
        } catch (error) {
          span.recordException(error instanceof Error ? error : String(error));
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          throw error;
        } finally {
          span.end();
        }
      }),
    ),
  );
}
