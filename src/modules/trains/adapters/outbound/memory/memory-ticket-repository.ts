import type { Ticket } from '../../../domain';
import { TrainsErrors } from '../../../domain';
import { Purchase, PurchaseDraft, PurchaseKeyTaken, TicketRepository } from '../../../ports';

/** Tickets in a Map. The "unique active (trip, seat)" rule is enforced synchronously before `pay` is awaited. */
export class MemoryTicketRepository extends TicketRepository {
  private readonly tickets = new Map<string, Ticket>();
  private readonly active = new Map<string, string>(); // `${trip}|${seat}` → ticket id
  private readonly purchases = new Map<string, Purchase>(); // `${user}|${key}`
  private readonly reservedKeys = new Set<string>();

  async soldSeats(tripId: string, seats?: readonly string[]): Promise<string[]> {
    const result: string[] = [];
    for (const key of this.active.keys()) {
      const [trip, seat] = key.split('|');
      if (trip === tripId && (!seats || seats.includes(seat))) result.push(seat);
    }
    return result;
  }

  async soldCounts(tripIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const key of this.active.keys()) {
      const trip = key.split('|')[0];
      if (tripIds.includes(trip)) counts.set(trip, (counts.get(trip) ?? 0) + 1);
    }
    return counts;
  }

  async findPurchase(userId: string, idempotencyKey: string): Promise<Purchase | null> {
    return this.purchases.get(`${userId}|${idempotencyKey}`) ?? null;
  }

  async purchase(draft: PurchaseDraft, pay: () => Promise<string>): Promise<Purchase> {
    const purchaseKey = `${draft.userId}|${draft.idempotencyKey}`;
    if (this.purchases.has(purchaseKey) || this.reservedKeys.has(purchaseKey)) throw new PurchaseKeyTaken();
    const seatKeys = draft.tickets.map((t) => `${draft.tripId}|${t.seat}`);
    const taken = draft.tickets.filter((_, i) => this.active.has(seatKeys[i])).map((t) => t.seat);
    if (taken.length > 0) throw TrainsErrors.seatsSold(taken);
    // Reserve synchronously (no await above this line since the checks): concurrent purchases see the seats taken.
    seatKeys.forEach((k, i) => this.active.set(k, draft.tickets[i].ticketId));
    this.reservedKeys.add(purchaseKey);
    let paymentId: string;
    try {
      paymentId = await pay();
    } catch (error) {
      seatKeys.forEach((k) => this.active.delete(k));
      throw error;
    } finally {
      this.reservedKeys.delete(purchaseKey);
    }
    const createdAt = new Date();
    const tickets = draft.tickets.map(
      (t): Ticket => ({ ticketId: t.ticketId, userId: draft.userId, tripId: draft.tripId, scheduleId: draft.scheduleId, date: draft.date, seat: t.seat, price: t.price, status: 'active', purchaseId: draft.purchaseId, createdAt }),
    );
    tickets.forEach((t) => this.tickets.set(t.ticketId, t));
    const purchase: Purchase = { purchaseId: draft.purchaseId, userId: draft.userId, idempotencyKey: draft.idempotencyKey, fingerprint: draft.fingerprint, tripId: draft.tripId, amount: draft.amount, paymentId, tickets };
    this.purchases.set(purchaseKey, purchase);
    return purchase;
  }

  async ticketsOf(userId: string): Promise<Ticket[]> {
    return [...this.tickets.values()].filter((t) => t.userId === userId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.seat.localeCompare(b.seat));
  }

  async cancel(ticketId: string, userId: string): Promise<Ticket | null> {
    const ticket = this.tickets.get(ticketId);
    if (!ticket || ticket.userId !== userId || ticket.status !== 'active') return null;
    const cancelled: Ticket = { ...ticket, status: 'cancelled' };
    this.tickets.set(ticketId, cancelled);
    this.active.delete(`${ticket.tripId}|${ticket.seat}`);
    return cancelled;
  }

  async findTicket(ticketId: string): Promise<Ticket | null> {
    return this.tickets.get(ticketId) ?? null;
  }
}
