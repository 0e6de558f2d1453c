import { DomainError } from '@libs/kernel';
import { EventEnvelope } from '../envelope/envelope';
import { MESSAGING_ERRORS } from '../messaging-errors';
import { validateForPublish } from '../bus/publishing';
import { OutboxStore } from './outbox-store';

interface Row {
  envelope: EventEnvelope;
  leasedUntil: number;
}

/** The outbox for ADAPTERS=memory and tests. In memory there is no transaction to join, so `tx` is ignored. */
export class InMemoryOutboxStore extends OutboxStore {
  private readonly rows = new Map<string, Row>();

  constructor(private readonly leaseMs = 30_000) {
    super();
  }

  async append(events: readonly EventEnvelope[], _tx?: unknown): Promise<void> {
    const valid = validateForPublish(events);
    const ids = new Set<string>();
    for (const e of valid) {
      if (this.rows.has(e.id) || ids.has(e.id)) throw DomainError.conflict(MESSAGING_ERRORS.DUPLICATE_EVENT, `Event ${e.id} is already in the outbox`);
      ids.add(e.id);
    }
    // Map iteration follows insertion order, which is the outbox order.
    for (const envelope of valid) this.rows.set(envelope.id, { envelope, leasedUntil: 0 });
  }

  async claimBatch(limit: number): Promise<EventEnvelope[]> {
    const now = Date.now();
    const claimed: EventEnvelope[] = [];
    for (const row of this.rows.values()) {
      if (claimed.length >= limit) break;
      if (row.leasedUntil > now) continue;
      row.leasedUntil = now + this.leaseMs;
      claimed.push(row.envelope);
    }
    return claimed;
  }

  async markPublished(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.rows.delete(id);
  }

  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) row.leasedUntil = 0;
    }
  }

  /** Events not yet published, in order (tests). */
  pending(): EventEnvelope[] {
    return [...this.rows.values()].map((r) => r.envelope);
  }
}
