import type { EventEnvelope } from '../envelope/envelope';

/**
 * Events waiting to be published, written in the same transaction as the state change that caused them,
 * so a committed change always gets its event out and a rolled-back one never does.
 *
 * `Tx` is the store's transaction handle (a `pg` client for Postgres); without one the append is its own
 * transaction.
 */
export abstract class OutboxStore<Tx = unknown> {
  /** Validates the envelopes (MESSAGING.INVALID_ENVELOPE) and stores them in order. */
  abstract append(events: readonly EventEnvelope[], tx?: Tx): Promise<void>;

  /**
   * Leases up to `limit` unpublished events, oldest first, for this relay alone (others skip them until
   * the lease runs out, so a crashed relay's batch is picked up again).
   */
  abstract claimBatch(limit: number): Promise<EventEnvelope[]>;

  /** The bus accepted these: remove them. */
  abstract markPublished(ids: readonly string[]): Promise<void>;

  /** Publishing failed: end the lease now so the next poll retries instead of waiting for it to expire. */
  abstract release(ids: readonly string[]): Promise<void>;
}
