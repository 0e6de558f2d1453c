import { ORDER_STATUSES, Order, OrderStatus, PAYMENT_METHODS, PaymentMethod } from '../../../domain/order';
import { LoggedStep, OrderPage, OrderStore, SagaMessage, TransitionOutcome, TransitionResult } from '../../../ports/order-store';

const LEASE_MS = 30_000;

/** OrderStore in memory (ADAPTERS=memory and tests): same semantics as PostgreSQL, one process only. */
export class MemoryOrderStore extends OrderStore {
  private readonly orders = new Map<string, Order>();
  private readonly byUser = new Map<string, string[]>();
  private readonly log = new Map<string, LoggedStep[]>();
  private readonly processed = new Set<string>();
  private readonly outbox = new Map<string, { message: SagaMessage; leasedUntil: number; writtenAt: number }>();
  /** Transitions of one order run one at a time, like a row lock. */
  private readonly locks = new Map<string, Promise<unknown>>();

  async methods(): Promise<PaymentMethod[]> {
    return PAYMENT_METHODS.map((m) => ({ ...m }));
  }

  async create(order: Order, outbox: readonly SagaMessage[]): Promise<void> {
    if (this.orders.has(order.id)) throw new Error(`order ${order.id} exists`);
    this.orders.set(order.id, order);
    this.byUser.set(order.userId, [...(this.byUser.get(order.userId) ?? []), order.id]);
    for (const m of outbox) this.outbox.set(m.id, { message: m, leasedUntil: 0, writtenAt: Date.now() });
  }

  async find(id: string): Promise<Order | null> {
    return this.orders.get(id) ?? null;
  }

  async listByUser(userId: string, offset: number, limit: number): Promise<OrderPage> {
    const ids = this.byUser.get(userId) ?? [];
    return { total: ids.length, orders: ids.slice(offset, offset + limit).map((id) => this.orders.get(id)!) };
  }

  async deleteSettledByUser(userId: string): Promise<{ deleted: number; processing: number }> {
    const ids = this.byUser.get(userId) ?? [];
    const kept = ids.filter((id) => this.orders.get(id)!.status === 'PROCESSING');
    for (const id of ids) {
      if (kept.includes(id)) continue;
      this.orders.delete(id);
      this.log.delete(id);
    }
    if (kept.length > 0) this.byUser.set(userId, kept);
    else this.byUser.delete(userId);
    return { deleted: ids.length - kept.length, processing: kept.length };
  }

  async events(orderId: string): Promise<LoggedStep[]> {
    return (this.log.get(orderId) ?? []).map((s) => ({ ...s }));
  }

  async transition(consumer: string, messageId: string, orderId: string, decide: (order: Order) => TransitionResult | null): Promise<TransitionOutcome> {
    const previous = this.locks.get(orderId) ?? Promise.resolve();
    const run = previous.then(() => this.transitionNow(consumer, messageId, orderId, decide));
    const settled = run.catch(() => undefined);
    this.locks.set(orderId, settled);
    void settled.then(() => {
      if (this.locks.get(orderId) === settled) this.locks.delete(orderId);
    });
    return run;
  }

  private transitionNow(consumer: string, messageId: string, orderId: string, decide: (order: Order) => TransitionResult | null): TransitionOutcome {
    const inboxKey = `${consumer}\u0000${messageId}`;
    if (this.processed.has(inboxKey)) return 'duplicate';
    const order = this.orders.get(orderId);
    if (!order) return 'missing';
    const result = decide(order);
    this.processed.add(inboxKey);
    if (!result) return 'unchanged';
    this.orders.set(orderId, result.order);
    const at = result.order.updatedAt;
    this.log.set(orderId, [...(this.log.get(orderId) ?? []), ...result.log.map((l) => ({ ...l, at }))]);
    for (const m of result.outbox) if (!this.outbox.has(m.id)) this.outbox.set(m.id, { message: m, leasedUntil: 0, writtenAt: Date.now() });
    return 'applied';
  }

  async claimOutbox(limit: number, minAgeMs = 0): Promise<SagaMessage[]> {
    const now = Date.now();
    const batch: SagaMessage[] = [];
    for (const entry of this.outbox.values()) {
      if (batch.length >= limit) break;
      if (entry.leasedUntil > now || entry.writtenAt > now - minAgeMs) continue;
      entry.leasedUntil = now + LEASE_MS;
      batch.push(entry.message);
    }
    return batch;
  }

  async markSent(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.outbox.delete(id);
  }

  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const entry = this.outbox.get(id);
      if (entry) entry.leasedUntil = 0;
    }
  }

  async countByStatus(): Promise<Record<OrderStatus, number>> {
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    for (const o of this.orders.values()) counts[o.status]++;
    return counts;
  }
}
