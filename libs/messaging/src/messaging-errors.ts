import { DomainError } from '@libs/kernel';

/** Stable error codes of libs/messaging (clients may switch on them: never rename one). */
export const MESSAGING_ERRORS = {
  INVALID_ENVELOPE: 'MESSAGING.INVALID_ENVELOPE',
  INVALID_SUBSCRIPTION: 'MESSAGING.INVALID_SUBSCRIPTION',
  DUPLICATE_SUBSCRIPTION: 'MESSAGING.DUPLICATE_SUBSCRIPTION',
  BUS_RUNNING: 'MESSAGING.BUS_RUNNING',
  GROUP_BUSY: 'MESSAGING.GROUP_BUSY',
  DUPLICATE_EVENT: 'MESSAGING.DUPLICATE_EVENT',
  PUBLISH_FAILED: 'MESSAGING.PUBLISH_FAILED',
  BROKER_UNAVAILABLE: 'MESSAGING.BROKER_UNAVAILABLE',
} as const;

export function invalidSubscription(problem: string): DomainError {
  return DomainError.invalid(MESSAGING_ERRORS.INVALID_SUBSCRIPTION, `Invalid subscription: ${problem}`);
}
