import type { EventEnvelope } from '../envelope/envelope';

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Facts about one handler invocation. */
export interface Delivery {
  /** 1 on the first try; a redelivery after a failure gets the next number. */
  attempt: number;
  maxAttempts: number;
  /** The module (consumer group) this delivery belongs to. */
  module: string;
}

export type EventHandler<T = unknown> = (event: EventEnvelope<T>, delivery: Delivery) => Promise<void>;

export interface Subscription<T = unknown> {
  /** The consuming module; it owns the consumer group `junction.<module>` and dead-letter topic `junction.dlq.<module>`. */
  module: string;
  /** Event types (`<module>.<event>.v<N>`) this handler processes; each is a topic. */
  eventTypes: readonly string[];
  /**
   * Must be idempotent or deduplicated (see `dedupe`): delivery is at least once. A throw means "retry":
   * the event is redelivered, ahead of later events with the same key, up to `maxAttempts` times, then
   * dead-lettered and consumption moves on.
   */
  handler: EventHandler<T>;
  /** Attempts before dead-lettering (default 5). */
  maxAttempts?: number;
}

/**
 * Cross-module asynchronous events. Delivery is at least once, in publish order per key and event type,
 * once per module (consumer group) however many processes run it. Handlers run in the publisher's trace
 * context with the event's correlation id as request id.
 *
 * Lifecycle: `subscribe` registers handlers (call it before `start`, e.g. in `onModuleInit`); `start`
 * begins consuming; `stop` drains in-flight handlers, leaves the consumer groups and forgets the
 * subscriptions, so a restart is `stop()`, `subscribe(...)`, `start()`, like a new process. `publish`
 * works whether or not the bus is consuming.
 */
export abstract class IntegrationEventBus {
  /**
   * Validates every envelope first (MESSAGING.INVALID_ENVELOPE, nothing published when one is bad), then
   * resolves once the events are durably accepted. Order is kept per key within a call and across awaited calls.
   */
  abstract publish(events: EventEnvelope | readonly EventEnvelope[]): Promise<void>;

  abstract subscribe<T = unknown>(subscription: Subscription<T>): void;

  abstract start(): Promise<void>;

  abstract stop(): Promise<void>;
}
