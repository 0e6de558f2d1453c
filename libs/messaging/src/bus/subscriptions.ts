import { DomainError } from '@libs/kernel';
import { MESSAGING_ERRORS, invalidSubscription } from '../messaging-errors';
import { DEFAULT_MAX_ATTEMPTS, EventHandler, Subscription } from './integration-event-bus';
import { MODULE_NAME_PATTERN, isEventType, topicFor } from './naming';

export interface Route {
  module: string;
  eventType: string;
  handler: EventHandler;
  maxAttempts: number;
}

const MAX_ATTEMPTS_LIMIT = 100;

/** Validated subscriptions grouped by module: each module becomes one consumer group over its topics. */
export class SubscriptionRegistry {
  private readonly byModule = new Map<string, Map<string, Route>>();

  add<T>(subscription: Subscription<T>): void {
    const { module, eventTypes } = subscription;
    const maxAttempts = subscription.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (typeof module !== 'string' || !MODULE_NAME_PATTERN.test(module)) {
      throw invalidSubscription(`module must be a lowercase name like "orders", got ${JSON.stringify(module)}`);
    }
    if (!Array.isArray(eventTypes) || eventTypes.length === 0) throw invalidSubscription(`module ${module}: eventTypes must list at least one event type`);
    for (const type of eventTypes) {
      if (!isEventType(type)) throw invalidSubscription(`module ${module}: event type must look like <module>.<event>.v<N>, got ${JSON.stringify(type)}`);
    }
    if (typeof subscription.handler !== 'function') throw invalidSubscription(`module ${module}: handler must be a function`);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw invalidSubscription(`module ${module}: maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS_LIMIT}, got ${maxAttempts}`);
    }
    const routes = this.byModule.get(module) ?? new Map<string, Route>();
    for (const type of eventTypes) {
      // One group commits one offset per message, so two handlers of one module for one type could not
      // fail and retry independently; a module combines them in a single handler instead.
      if (routes.has(type)) {
        throw DomainError.conflict(MESSAGING_ERRORS.DUPLICATE_SUBSCRIPTION, `Module ${module} already subscribes to ${type}`);
      }
    }
    // The payload type is the subscriber's claim about what producers of these types publish; the bus
    // delivers whatever envelope arrived under the type, so widening the handler here is the honest cast.
    const handler = subscription.handler as unknown as EventHandler;
    for (const type of eventTypes) routes.set(topicFor(type), { module, eventType: type, handler, maxAttempts });
    this.byModule.set(module, routes);
  }

  modules(): string[] {
    return [...this.byModule.keys()];
  }

  /** Topics of a module, in subscription order. */
  topics(module: string): string[] {
    return [...(this.byModule.get(module)?.keys() ?? [])];
  }

  route(module: string, topic: string): Route | undefined {
    return this.byModule.get(module)?.get(topic);
  }

  clear(): void {
    this.byModule.clear();
  }
}

export function assertNotRunning(running: boolean): void {
  if (running) {
    throw new DomainError(
      MESSAGING_ERRORS.BUS_RUNNING,
      'precondition',
      'Cannot subscribe while the bus is running: subscribe in onModuleInit (the bus starts on application bootstrap), or stop() first',
    );
  }
}
