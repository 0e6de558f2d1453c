import { EventEnvelope, parseEnvelope } from '../envelope/envelope';

/** Validates a publish argument as a whole: one bad envelope rejects the call before anything is sent. */
export function validateForPublish(events: EventEnvelope | readonly EventEnvelope[]): EventEnvelope[] {
  const list: readonly unknown[] = Array.isArray(events) ? events : [events];
  return list.map((event, i) => parseEnvelope(event, list.length > 1 ? `#${i + 1} of ${list.length}` : undefined));
}
