/**
 * Which events a consumer has already processed, so an at-least-once redelivery is processed once.
 * `consumer` names the handler (e.g. `orders.on-user-deleted`), not just the module: two handlers of one
 * module may both need the same event.
 *
 * `Tx` is the store's transaction handle: recording inside the transaction that applies the handler's
 * effects makes "processed" and "effects" commit together (see PostgresInboxStore).
 */
export abstract class InboxStore<Tx = unknown> {
  abstract seen(consumer: string, eventId: string): Promise<boolean>;

  /** Records the event; true when it was new, false when it had been recorded before. */
  abstract markProcessed(consumer: string, eventId: string, tx?: Tx): Promise<boolean>;
}
