import { EventEnvelope } from '../envelope/envelope';
import { RawMessage, WireMessage, fromKafkaMessage, readHeaders } from '../envelope/kafka-message';

/** Extra headers a dead-lettered message carries; the original key, value and headers are kept unchanged. */
export const DEAD_LETTER_HEADERS = {
  reason: 'dlq-reason',
  attempts: 'dlq-attempts',
  module: 'dlq-module',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  failedAt: 'dlq-failed-at',
} as const;

export interface DeadLetterFacts {
  reason: string;
  /** Handler attempts made; 0 when the message could not even be decoded. */
  attempts: number;
  module: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  failedAt: string;
}

export interface DeadLetter extends DeadLetterFacts {
  /** Undefined when the original message was not a valid envelope. */
  envelope?: EventEnvelope;
  /** The original value, byte for byte (as text). */
  value: string | null;
}

export function toDeadLetterMessage(original: RawMessage, facts: DeadLetterFacts): WireMessage {
  const h = DEAD_LETTER_HEADERS;
  return {
    key: original.key == null ? null : original.key.toString(),
    value: original.value === null ? null : original.value.toString(),
    headers: {
      ...readHeaders(original.headers),
      [h.reason]: facts.reason,
      [h.attempts]: String(facts.attempts),
      [h.module]: facts.module,
      [h.sourceTopic]: facts.sourceTopic,
      [h.sourcePartition]: String(facts.sourcePartition),
      [h.sourceOffset]: facts.sourceOffset,
      [h.failedAt]: facts.failedAt,
    },
  };
}

/** Reads a message from a dead-letter topic (for tooling, replays and tests). */
export function fromDeadLetterMessage(message: RawMessage): DeadLetter {
  const headers = readHeaders(message.headers);
  const h = DEAD_LETTER_HEADERS;
  let envelope: EventEnvelope | undefined;
  try {
    envelope = fromKafkaMessage(message);
  } catch {
    envelope = undefined;
  }
  return {
    envelope,
    value: message.value === null ? null : message.value.toString(),
    reason: headers[h.reason] ?? '',
    attempts: Number(headers[h.attempts] ?? 0),
    module: headers[h.module] ?? '',
    sourceTopic: headers[h.sourceTopic] ?? '',
    sourcePartition: Number(headers[h.sourcePartition] ?? -1),
    sourceOffset: headers[h.sourceOffset] ?? '',
    failedAt: headers[h.failedAt] ?? '',
  };
}
