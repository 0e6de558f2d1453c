import { DomainError, isUuid } from '@libs/kernel';
import { ORDERS_ERRORS } from '../domain/errors';
import type { InboundMessage } from '../ports/saga-broker';
import type { SagaPayload } from './saga-topics';

export interface ParsedSagaMessage {
  event: string;
  eventId: string;
  orderId: string;
  payload: SagaPayload;
}

/** A message that can never be processed: dead-lettered at once, never retried. */
export function poison(reason: string): DomainError {
  return DomainError.invalid(ORDERS_ERRORS.POISON_MESSAGE, reason);
}

/** Validates headers and body; throws a poison error naming what is wrong. */
export function parseSagaMessage(message: InboundMessage): ParsedSagaMessage {
  const { event, event_id: eventId, aggregate_id: aggregateId } = message.headers;
  if (!event) throw poison('missing header "event"');
  if (!isUuid(eventId)) throw poison('header "event_id" must be a UUID');
  let payload: SagaPayload;
  try {
    payload = JSON.parse(message.value) as SagaPayload;
  } catch {
    throw poison('body is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || typeof payload.id !== 'string' || !isUuid(payload.id)) throw poison('body must be an order with a UUID "id"');
  if (aggregateId && aggregateId !== payload.id) throw poison('header "aggregate_id" does not match the order id');
  return { event, eventId, orderId: payload.id, payload };
}
