import type { Ticket } from '../domain';

export interface PurchaseDraft {
  purchaseId: string;
  userId: string;
  idempotencyKey: string;
  /** Hash of what was asked (trip + seats): a key reused for a different purchase is refused. */
  fingerprint: string;
  tripId: string;
  scheduleId: string;
  date: string;
  tickets: ReadonlyArray<{ ticketId: string; seat: string; price: number }>;
  amount: number;
}

export interface Purchase {
  purchaseId: string;
  userId: string;
  idempotencyKey: string;
  fingerprint: string;
  tripId: string;
  amount: number;
  paymentId: string;
  tickets: readonly Ticket[];
}

/** Raised by `purchase` when this user already has a purchase under that idempotency key. */
export class PurchaseKeyTaken extends Error {
  constructor() {
    super('purchase idempotency key already used');
    this.name = 'PurchaseKeyTaken';
  }
}

/**
 * Tickets and purchases. The store guarantees at most one active ticket per (trip, seat) whatever the callers do
 * (in PostgreSQL a partial unique index), which is the final guard against double booking.
 */
export abstract class TicketRepository {
  /** Seats of a trip with an active ticket (all of them, or only among `seats`). */
  abstract soldSeats(tripId: string, seats?: readonly string[]): Promise<string[]>;
  /** Active tickets per trip. */
  abstract soldCounts(tripIds: readonly string[]): Promise<Map<string, number>>;
  abstract findPurchase(userId: string, idempotencyKey: string): Promise<Purchase | null>;
  /**
   * Atomically records the purchase and its tickets, calling `pay` while the seats are reserved: when `pay` throws,
   * nothing is stored and the error propagates. A seat already sold → TrainsErrors.seatsSold (pay is not called);
   * the same (user, key) already stored → PurchaseKeyTaken.
   */
  abstract purchase(draft: PurchaseDraft, pay: () => Promise<string>): Promise<Purchase>;
  /** The user's tickets, newest first. */
  abstract ticketsOf(userId: string): Promise<Ticket[]>;
  /** Cancels the user's active ticket (frees the seat); null when the user has no such ticket. */
  abstract cancel(ticketId: string, userId: string, at: Date): Promise<Ticket | null>;
  abstract findTicket(ticketId: string): Promise<Ticket | null>;
}
