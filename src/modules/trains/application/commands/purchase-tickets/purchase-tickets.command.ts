import { Inject, Injectable } from '@nestjs/common';
import { Clock, newId } from '@libs/kernel';
import { TrainsErrors, checkSeats, normalizeCardNumber, seatMap, seatPrice } from '../../../domain';
import { PaymentGateway, Purchase, PurchaseKeyTaken, SeatHoldStore, TicketRepository } from '../../../ports';
import { CatalogueService } from '../../catalogue.service';
import { guarded } from '../../store-errors';
import { TRAINS_SETTINGS, TrainsSettings } from '../../trains-settings';

export interface PurchaseInput {
  tripId: string;
  seats: ReadonlyArray<string | number>;
  userId: string;
  idempotencyKey: string;
  cardNumber: unknown;
}

export interface PurchaseOutcome {
  purchase: Purchase;
  /** True when this answers a retry of an earlier purchase with the same key. */
  replayed: boolean;
}

/**
 * Buys held seats: the caller must hold every seat (else 409 TRAINS.HOLD_MISSING), the payment gateway is charged while
 * the tickets are reserved in one transaction (declined → 402-mapped TRAINS.PAYMENT_DECLINED, no ticket, the holds are
 * KEPT so the buyer can retry with another card until they expire), then the holds are released.
 * At most once per (user, Idempotency-Key): a retry answers the same purchase.
 */
@Injectable()
export class PurchaseTicketsCommand {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly tickets: TicketRepository,
    private readonly holds: SeatHoldStore,
    private readonly payments: PaymentGateway,
    private readonly clock: Clock,
    @Inject(TRAINS_SETTINGS) private readonly settings: TrainsSettings,
  ) {}

  async execute(input: PurchaseInput): Promise<PurchaseOutcome> {
    const trip = await this.catalogue.trip(input.tripId);
    const seats = checkSeats(trip.train, input.seats, this.settings.maxSeatsPerHold);
    const cardNumber = normalizeCardNumber(input.cardNumber);
    const fingerprint = `${trip.tripId}|${[...seats].sort().join(',')}`;

    const earlier = await guarded('the ticket store', () => this.tickets.findPurchase(input.userId, input.idempotencyKey));
    if (earlier) return this.replay(earlier, fingerprint);

    const held = await guarded('the seat hold store', () => this.holds.holds(trip.tripId, seats));
    const missing = seats.filter((s) => held.get(s)?.owner !== input.userId);
    if (missing.length > 0) throw TrainsErrors.holdMissing(missing);

    const soldCount = (await guarded('the ticket store', () => this.tickets.soldCounts([trip.tripId]))).get(trip.tripId) ?? 0;
    const classOf = seatMap(trip.train).byId;
    const lines = seats.map((seat) => ({ ticketId: newId(), seat, price: seatPrice(trip.baseFare, classOf.get(seat)!.seatClass, soldCount, trip.capacity) }));
    const amount = lines.reduce((sum, l) => sum + l.price, 0);
    const draft = {
      purchaseId: newId(),
      userId: input.userId,
      idempotencyKey: input.idempotencyKey,
      fingerprint,
      tripId: trip.tripId,
      scheduleId: trip.schedule.id,
      date: trip.date,
      tickets: lines,
      amount,
    };
    const pay = async (): Promise<string> => {
      const result = await this.payments.charge({
        idempotencyKey: `trains:${input.userId}:${input.idempotencyKey}`,
        amount,
        currency: this.settings.currency,
        cardNumber,
        description: `${trip.train.name} ${trip.from.name}→${trip.to.name} ${trip.date} seats ${seats.join(' ')}`,
      });
      if (result.status === 'declined') throw TrainsErrors.paymentDeclined(result.reason);
      return result.paymentId;
    };
    let purchase: Purchase;
    try {
      purchase = await guarded('the ticket store', () => this.tickets.purchase(draft, pay));
    } catch (error) {
      if (!(error instanceof PurchaseKeyTaken)) throw error;
      const winner = await guarded('the ticket store', () => this.tickets.findPurchase(input.userId, input.idempotencyKey));
      if (!winner) throw TrainsErrors.storeUnavailable('the ticket store', error);
      return this.replay(winner, fingerprint);
    }
    // The seats are sold: their holds have done their job (best effort; they expire anyway).
    await Promise.all(seats.map((s) => this.holds.release(trip.tripId, s, input.userId).catch(() => undefined)));
    return { purchase, replayed: false };
  }

  private replay(earlier: Purchase, fingerprint: string): PurchaseOutcome {
    if (earlier.fingerprint !== fingerprint) throw TrainsErrors.idempotencyKeyReused();
    return { purchase: earlier, replayed: true };
  }
}
