import type { Order, OrderStatus, PaymentMethod } from '../domain/order';
import type { SagaLogEntry } from '../domain/saga';

/** A saga message as stored in the outbox and carried by the broker (`topic` is the original's name, unprefixed). */
export interface SagaMessage {
  /** Same as headers.event_id: a UUID, unique per message. */
  id: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: string;
}

export interface LoggedStep {
  event: string;
  message: string;
  status: OrderStatus;
  at: Date;
}

export interface OrderPage {
  total: number;
  orders: Order[];
}

export interface TransitionResult {
  order: Order;
  log: readonly SagaLogEntry[];
  outbox: readonly SagaMessage[];
}

export type TransitionOutcome = 'applied' | 'unchanged' | 'duplicate' | 'missing';

/**
 * Orders, their event log, the payment methods and the saga outbox. Every write that changes an order also writes its
 * log lines and outbox messages in the same transaction.
 */
export abstract class OrderStore {
  abstract methods(): Promise<PaymentMethod[]>;

  /** Inserts a new order with its first outbox message(s). */
  abstract create(order: Order, outbox: readonly SagaMessage[]): Promise<void>;

  abstract find(id: string): Promise<Order | null>;

  /** The user's orders, oldest first, and the user's total number of orders. */
  abstract listByUser(userId: string, offset: number, limit: number): Promise<OrderPage>;

  /**
   * Deletes the user's settled orders (APPROVED or CANCELED) with their event logs, atomically; orders still
   * PROCESSING are kept so that no saga in flight loses its order. Seed 004's `DELETE /api/orders/user/{user_id}`.
   */
  abstract deleteSettledByUser(userId: string): Promise<{ deleted: number; processing: number }>;

  /** The event log of an order, in the order the steps were appended. */
  abstract events(orderId: string): Promise<LoggedStep[]>;

  /**
   * Atomically: if `consumer` already processed `messageId` → 'duplicate'; if the order does not exist → 'missing';
   * otherwise runs `decide` on the order (locked against concurrent transitions), persists what it returns (order,
   * log lines, outbox messages) and records the message as processed. `decide` returning null → 'unchanged' (still
   * recorded as processed).
   */
  abstract transition(consumer: string, messageId: string, orderId: string, decide: (order: Order) => TransitionResult | null): Promise<TransitionOutcome>;

  /**
   * Leases up to `limit` unsent outbox messages written at least `minAgeMs` ago, oldest first (others skip them until
   * the lease ends).
   */
  abstract claimOutbox(limit: number, minAgeMs?: number): Promise<SagaMessage[]>;

  abstract markSent(ids: readonly string[]): Promise<void>;

  abstract release(ids: readonly string[]): Promise<void>;

  /** Orders by status (metrics, tests, the kill -9 check). */
  abstract countByStatus(): Promise<Record<OrderStatus, number>>;
}
