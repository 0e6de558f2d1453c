import type { EventHandler } from '../bus/integration-event-bus';
import type { InboxStore } from './inbox-store';

/**
 * Wraps a handler so an event id it already processed is skipped. The event is recorded only after the
 * handler succeeded, so a failure is retried rather than lost; a crash between the two leaves a duplicate
 * possible, which is why effects outside one database transaction must still be idempotent. (Inside one,
 * use `markProcessed(..., tx)` as PostgresInboxStore describes.)
 */
export function dedupe<T>(inbox: InboxStore, consumer: string, handler: EventHandler<T>): EventHandler<T> {
  return async (event, delivery) => {
    if (await inbox.seen(consumer, event.id)) return;
    await handler(event, delivery);
    await inbox.markProcessed(consumer, event.id);
  };
}
