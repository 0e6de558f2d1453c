import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { currentTraceparent } from '@libs/platform';
import { formatValue } from '../domain/order';
import type { Order } from '../domain/order';
import type { SagaCheck } from '../domain/saga';
import type { SagaMessage } from '../ports/order-store';

/** The original's topic names. */
export const TOPICS = {
  orchestrator: 'topic-orchestrator',
  balanceValidator: 'topic-user-balance-validator',
  balanceCompensation: 'topic-user-balance-compensation',
  userStatusValidation: 'topic-user-status-validation',
  userStatusCompensation: 'topic-user-status-compensation',
  deadLetter: 'topic-orders-dead-letter',
} as const;

export const ALL_TOPICS: readonly string[] = Object.values(TOPICS);

/** Consumer groups: the orchestrator and each validator are separate groups, so they can run in separate processes. */
export const GROUPS = {
  orchestrator: 'orders-orchestrator',
  balanceValidator: 'orders-balance-validator',
  userStatusValidator: 'orders-user-status-validator',
} as const;

/** The body of every saga message (the order, as the original's services exchanged it). */
export interface SagaPayload {
  id: string;
  value: string;
  user_id: string;
  installment: number;
  method: string;
  status: string;
  /** Results only. */
  valid?: boolean;
  message?: string;
}

export function payloadOf(order: Order, extra: Partial<SagaPayload> = {}): SagaPayload {
  return { id: order.id, value: formatValue(order.valueCents), user_id: order.userId, installment: order.installment, method: order.method, status: order.status, ...extra };
}

/** A message with the original's headers (`event`, `aggregate_id`, `event_id`, `timestamp`) plus `traceparent`. */
export function sagaMessage(topic: string, event: string, payload: SagaPayload, eventId: string = randomUUID(), now: Date = new Date()): SagaMessage {
  const headers: Record<string, string> = { event, aggregate_id: payload.id, event_id: eventId, timestamp: now.toISOString() };
  const traceparent = currentTraceparent();
  if (traceparent) headers.traceparent = traceparent;
  return { id: eventId, topic, key: payload.id, headers, value: JSON.stringify(payload) };
}

export function validationTopic(check: SagaCheck): string {
  return check === 'balance' ? TOPICS.balanceValidator : TOPICS.userStatusValidation;
}

export function compensationTopic(check: SagaCheck): string {
  return check === 'balance' ? TOPICS.balanceCompensation : TOPICS.userStatusCompensation;
}

/** A UUID derived from a source message id and a purpose: a redelivered request yields the same result id. */
export function derivedId(sourceId: string, purpose: string): string {
  const h = createHash('sha256').update(`${sourceId}:${purpose}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
