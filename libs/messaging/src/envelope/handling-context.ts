import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEnvelope } from './envelope';

/**
 * The event whose handler is running. Events created inside a handler inherit its correlation id and name
 * it as their cause, so chains of events can be followed without every handler passing ids along.
 */
const handling = new AsyncLocalStorage<EventEnvelope>();

export function currentEvent(): EventEnvelope | undefined {
  return handling.getStore();
}

export function runHandling<R>(event: EventEnvelope, fn: () => R): R {
  return handling.run(event, fn);
}
