// The public API of libs/messaging. The contract suite (integration-event-bus.contract.ts) is not exported
// here: it needs Jest's globals, so test files import it by path.
export * from './envelope/envelope';
export * from './envelope/kafka-message';
export { currentEvent } from './envelope/handling-context';
export * from './bus/integration-event-bus';
export * from './bus/naming';
export * from './bus/dead-letter';
export type { RetryPolicy } from './bus/consume';
export * from './memory/in-memory-broker';
export * from './memory/in-memory-integration-event-bus';
export * from './kafka/kafka-integration-event-bus';
export * from './outbox/outbox-store';
export * from './outbox/in-memory-outbox-store';
export * from './outbox/postgres-outbox-store';
export * from './outbox/outbox-relay';
export * from './inbox/inbox-store';
export * from './inbox/in-memory-inbox-store';
export * from './inbox/postgres-inbox-store';
export * from './inbox/dedupe';
export type { Queryable } from './postgres/sql';
export * from './messaging-errors';
export * from './messaging-logger';
export * from './messaging.module';
