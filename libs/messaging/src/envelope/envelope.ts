import { DomainError, isUuid, newId } from '@libs/kernel';
import { requestContext } from '@libs/platform/logging/request-context';
import { currentTraceparent } from '@libs/platform/tracing/propagation';
import { MESSAGING_ERRORS } from '../messaging-errors';
import { eventTypeVersion } from '../bus/naming';
import { currentEvent } from './handling-context';

/** What travels on the bus: the payload plus the facts every consumer, log line and trace needs. */
export interface EventEnvelope<T = unknown> {
  /** UUID; consumers dedupe by it. */
  readonly id: string;
  /** `<module>.<event>.v<N>`; also the topic. */
  readonly type: string;
  /** The N of the type's `.vN` suffix, repeated so consumers can branch without parsing the type. */
  readonly version: number;
  /** ISO-8601 instant at which the fact happened (not when it was published). */
  readonly occurredAt: string;
  /** Partition key: events with the same key are delivered in publish order. Usually the aggregate id. */
  readonly key: string;
  /** Shared by everything one request (or one job run) caused. */
  readonly correlationId: string;
  /** Id of the event whose handler published this one. */
  readonly causationId?: string;
  /** W3C trace context of the publisher, so consumer spans join the producer's trace. */
  readonly traceparent?: string;
  readonly payload: T;
}

export interface NewEvent<T> {
  type: string;
  key: string;
  payload: T;
  id?: string;
  occurredAt?: Date | string;
  /** Defaults to the handled event's correlation id, else the current request id, else the new event's id. */
  correlationId?: string;
  /** Defaults to the id of the event being handled, if any. */
  causationId?: string;
}

/** Same alphabet as request ids, which become correlation ids of the events a request causes. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;
const MAX_KEY_LENGTH = 256;

/**
 * Builds a valid envelope: fills id, occurredAt, version (from the type), correlation and causation ids and
 * the active traceparent. Throws MESSAGING.INVALID_ENVELOPE naming every bad field.
 */
export function createEnvelope<T>(event: NewEvent<T>): EventEnvelope<T> {
  const id = event.id ?? newId();
  const cause = currentEvent();
  const occurredAt = event.occurredAt instanceof Date ? isoOrInvalid(event.occurredAt) : (event.occurredAt ?? new Date().toISOString());
  const envelope = {
    id,
    type: event.type,
    version: (typeof event.type === 'string' ? eventTypeVersion(event.type) : undefined) ?? 0,
    occurredAt,
    key: event.key,
    correlationId: event.correlationId ?? cause?.correlationId ?? requestContext.getStore()?.requestId ?? id,
    causationId: event.causationId ?? cause?.id,
    traceparent: currentTraceparent(),
    payload: event.payload,
  };
  return parseEnvelope(envelope) as EventEnvelope<T>;
}

/**
 * Validates anything claiming to be an envelope (a publish argument, a decoded Kafka message, an outbox row)
 * and returns a clean copy without unknown fields (tolerant reader: newer producers may add some).
 */
export function parseEnvelope(input: unknown, position?: string): EventEnvelope {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidEnvelope([`envelope must be an object, got ${kindOf(input)}`], ['envelope'], undefined, position);
  }
  const raw = input as Record<string, unknown>;
  const problems: string[] = [];
  const fields: string[] = [];
  const problem = (field: string, text: string): void => {
    fields.push(field);
    problems.push(`${field} ${text}`);
  };

  if (!isUuid(raw.id)) problem('id', `must be a UUID, got ${shown(raw.id)}`);
  const declared = typeof raw.type === 'string' ? eventTypeVersion(raw.type) : undefined;
  if (declared === undefined) problem('type', `must look like <module>.<event>.v<N> (e.g. identity.user-deleted.v1), got ${shown(raw.type)}`);
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) {
    problem('version', `must be an integer ≥ 1, got ${shown(raw.version)}`);
  } else if (declared !== undefined && raw.version !== declared) {
    problem('version', `must equal the .v${declared} suffix of type ${raw.type as string}, got ${raw.version}`);
  }
  if (typeof raw.occurredAt !== 'string' || !ISO_INSTANT.test(raw.occurredAt) || Number.isNaN(Date.parse(raw.occurredAt))) {
    problem('occurredAt', `must be an ISO-8601 timestamp with a zone (e.g. 2026-01-01T00:00:00.000Z), got ${shown(raw.occurredAt)}`);
  }
  if (typeof raw.key !== 'string' || raw.key.length === 0 || raw.key.length > MAX_KEY_LENGTH) {
    problem('key', `must be a non-empty string of at most ${MAX_KEY_LENGTH} characters, got ${shown(raw.key)}`);
  }
  if (typeof raw.correlationId !== 'string' || !CORRELATION_ID.test(raw.correlationId)) {
    problem('correlationId', `must be 1-128 characters of [A-Za-z0-9._:-], got ${shown(raw.correlationId)}`);
  }
  if (raw.causationId !== undefined && (typeof raw.causationId !== 'string' || !CORRELATION_ID.test(raw.causationId))) {
    problem('causationId', `must be 1-128 characters of [A-Za-z0-9._:-] when present, got ${shown(raw.causationId)}`);
  }
  if (raw.traceparent !== undefined && (typeof raw.traceparent !== 'string' || !TRACEPARENT.test(raw.traceparent))) {
    problem('traceparent', `must be a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>) when present, got ${shown(raw.traceparent)}`);
  }
  const payloadProblem = jsonProblem(raw.payload);
  if (payloadProblem) problem('payload', payloadProblem);

  if (problems.length > 0) throw invalidEnvelope(problems, fields, typeof raw.type === 'string' ? raw.type : undefined, position);
  return {
    id: raw.id as string,
    type: raw.type as string,
    version: raw.version as number,
    occurredAt: raw.occurredAt as string,
    key: raw.key as string,
    correlationId: raw.correlationId as string,
    ...(raw.causationId === undefined ? {} : { causationId: raw.causationId as string }),
    ...(raw.traceparent === undefined ? {} : { traceparent: raw.traceparent as string }),
    payload: raw.payload,
  };
}

/** `position` says which of several envelopes was bad (`#2 of 3`); `type` is shown when it is well-formed. */
export function invalidEnvelope(problems: readonly string[], fields: readonly string[], type?: string, position?: string): DomainError {
  const about = [position, type && eventTypeVersion(type) !== undefined ? type : undefined].filter(Boolean).join(', ');
  const what = about ? `Invalid event envelope (${about})` : 'Invalid event envelope';
  return DomainError.invalid(MESSAGING_ERRORS.INVALID_ENVELOPE, `${what}: ${problems.join('; ')}`, { fields: [...fields], problems: [...problems] });
}

function jsonProblem(payload: unknown): string | undefined {
  if (payload === undefined) return 'is required (use null for "no data")';
  try {
    JSON.stringify(payload);
    return undefined;
  } catch (error) {
    return `must be JSON-serializable (${(error as Error).message})`;
  }
}

function isoOrInvalid(date: Date): string {
  // An invalid Date would throw in toISOString; pass a marker through so the field is reported like the others.
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** Echoes envelope metadata (never the payload) in messages, bounded. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? kindOf(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
