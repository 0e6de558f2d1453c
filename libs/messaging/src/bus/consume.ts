import { EventEnvelope } from '../envelope/envelope';
import { RawMessage, WireMessage, fromKafkaMessage, readHeaders } from '../envelope/kafka-message';
import { MessagingLogger, describeError } from '../messaging-logger';
import { toDeadLetterMessage } from './dead-letter';
import { sleep } from './sleep';
import { Route } from './subscriptions';
import { runTraced } from './traced-handling';

export interface RetryPolicy {
  /** Wait before the second attempt; doubles per attempt up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export function backoffFor(policy: RetryPolicy, failedAttempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (failedAttempt - 1));
}

export interface ConsumeRequest {
  system: 'kafka' | 'memory';
  module: string;
  topic: string;
  partition: number;
  offset: string;
  message: RawMessage;
  route: Route | undefined;
  /** Aborted by stop(): no new attempt starts; a running one finishes. */
  signal: AbortSignal;
  retry: RetryPolicy;
  logger: MessagingLogger;
  deadLetter(message: WireMessage): Promise<void>;
  /** Keeps group membership alive while handlers run or back off (Kafka heartbeats). */
  keepAlive?: () => Promise<void>;
  keepAliveIntervalMs?: number;
}

/**
 * `done`: the message is handled or dead-lettered, commit its offset. `interrupted`: the bus is stopping
 * before the message was handled, leave it uncommitted so the group redelivers it.
 */
export type ConsumeOutcome = 'done' | 'interrupted';

/** The one delivery algorithm both adapters share: decode, attempt with backoff, dead-letter, move on. */
export async function consume(request: ConsumeRequest): Promise<ConsumeOutcome> {
  const { route, message, logger } = request;
  if (!route) {
    logger.warn({ module: request.module, topic: request.topic }, 'message on a topic the module does not subscribe to; skipped');
    return 'done';
  }
  let envelope: EventEnvelope;
  try {
    envelope = fromKafkaMessage(message);
    if (envelope.type !== route.eventType) throw new Error(`envelope type ${envelope.type} does not match topic ${request.topic}`);
  } catch (error) {
    await sendToDeadLetter(request, describeError(error), 0);
    return 'done';
  }
  const timer = request.keepAlive
    ? setInterval(() => void request.keepAlive?.().catch(() => undefined), request.keepAliveIntervalMs ?? 1000)
    : undefined;
  try {
    return await attempt(request, route, envelope);
  } finally {
    clearInterval(timer);
  }
}

async function attempt(request: ConsumeRequest, route: Route, envelope: EventEnvelope): Promise<ConsumeOutcome> {
  const headers = readHeaders(request.message.headers);
  let lastError: unknown;
  for (let attemptNo = 1; attemptNo <= route.maxAttempts; attemptNo++) {
    if (request.signal.aborted) return 'interrupted';
    try {
      const delivery = { attempt: attemptNo, maxAttempts: route.maxAttempts, module: route.module };
      await runTraced({ envelope, headers, module: route.module, topic: request.topic, attempt: attemptNo, system: request.system }, () =>
        route.handler(envelope, delivery),
      );
      return 'done';
    } catch (error) {
      lastError = error;
      request.logger.warn(
        { module: route.module, eventType: envelope.type, eventId: envelope.id, attempt: attemptNo, maxAttempts: route.maxAttempts, error: describeError(error) },
        'event handler failed',
      );
      if (attemptNo < route.maxAttempts) await sleep(backoffFor(request.retry, attemptNo), request.signal);
    }
  }
  await sendToDeadLetter(request, describeError(lastError), route.maxAttempts, envelope);
  return 'done';
}

async function sendToDeadLetter(request: ConsumeRequest, reason: string, attempts: number, envelope?: EventEnvelope): Promise<void> {
  request.logger.error(
    { module: request.module, topic: request.topic, partition: request.partition, offset: request.offset, eventId: envelope?.id, attempts, reason },
    'event dead-lettered',
  );
  await request.deadLetter(
    toDeadLetterMessage(request.message, {
      reason,
      attempts,
      module: request.module,
      sourceTopic: request.topic,
      sourcePartition: request.partition,
      sourceOffset: request.offset,
      failedAt: new Date().toISOString(),
    }),
  );
}
