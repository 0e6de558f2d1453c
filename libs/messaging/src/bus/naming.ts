const SEGMENT = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';

/** `<module>.<event>.v<N>`, e.g. `identity.user-deleted.v1`; also a valid Kafka topic name. */
export const EVENT_TYPE_PATTERN = new RegExp(`^${SEGMENT}\\.${SEGMENT}\\.v([1-9][0-9]{0,5})$`);

/** Module names own consumer groups and dead-letter topics, so they share the topic alphabet. */
export const MODULE_NAME_PATTERN = new RegExp(`^${SEGMENT}$`);

/** The version an event type declares in its `.vN` suffix, or undefined when the type is malformed. */
export function eventTypeVersion(type: string): number | undefined {
  const match = EVENT_TYPE_PATTERN.exec(type);
  return match ? Number(match[1]) : undefined;
}

export function isEventType(value: unknown): value is string {
  return typeof value === 'string' && EVENT_TYPE_PATTERN.test(value);
}

/** One topic per event type: a consumer subscribes to exactly the events it handles. */
export function topicFor(eventType: string): string {
  return eventType;
}

/** One consumer group per module (not per process), so moving a module between processes changes nothing. */
export function consumerGroupId(module: string): string {
  return `junction.${module}`;
}

/**
 * One dead-letter topic per consuming module rather than per event type: a poison event is a fact about
 * the group that failed it, and operators inspect and replay per module (`junction.dlq.orders`), not per
 * producer. `junction` is no module name, so these never collide with event topics.
 */
export function deadLetterTopic(module: string): string {
  return `junction.dlq.${module}`;
}
