import { EventEnvelope, invalidEnvelope, parseEnvelope } from './envelope';

/**
 * Header names. The value (the envelope as JSON) is the source of truth; headers repeat what brokers,
 * tooling and tracing want without parsing the body.
 */
export const EVENT_HEADERS = {
  type: 'event-type',
  id: 'event-id',
  traceparent: 'traceparent',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
} as const;

/** An outgoing message; the in-memory broker stores exactly this, so both adapters share one wire format. */
export interface WireMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Structurally what kafkajs hands consumers (Buffers) and what the in-memory broker stores (strings). */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export interface RawMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: RawHeaders;
}

export function toKafkaMessage(envelope: EventEnvelope): WireMessage {
  const headers: Record<string, string> = {
    [EVENT_HEADERS.type]: envelope.type,
    [EVENT_HEADERS.id]: envelope.id,
    [EVENT_HEADERS.correlationId]: envelope.correlationId,
  };
  if (envelope.causationId) headers[EVENT_HEADERS.causationId] = envelope.causationId;
  if (envelope.traceparent) headers[EVENT_HEADERS.traceparent] = envelope.traceparent;
  return { key: envelope.key, value: JSON.stringify(envelope), headers };
}

/** Decodes and validates; a malformed message throws MESSAGING.INVALID_ENVELOPE (consumers dead-letter it). */
export function fromKafkaMessage(message: RawMessage): EventEnvelope {
  const text = message.value === null ? '' : message.value.toString();
  if (text.length === 0) throw invalidEnvelope(['value is empty (not an event envelope)'], ['value']);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidEnvelope([`value is not JSON (${(error as Error).message})`], ['value']);
  }
  return parseEnvelope(parsed);
}

/** Flattens Kafka headers to strings (a repeated header keeps its last value). */
export function readHeaders(headers: RawHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}
