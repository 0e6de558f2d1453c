import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { TrainsErrors, checkSeats, checkTravelDate } from '../../../domain';
import { SeatHoldStore, TicketRepository } from '../../../ports';
import { CatalogueService } from '../../catalogue.service';
import { guarded } from '../../store-errors';
import { TRAINS_SETTINGS, TrainsSettings } from '../../trains-settings';

export interface HoldSeatsInput {
  tripId: string;
  seats: ReadonlyArray<string | number>;
  userId: string;
  /** The seed's book-seat: a seat the caller already holds is a conflict too. */
  exclusive?: boolean;
}

export interface HoldOutcome {
  tripId: string;
  seats: string[];
  expiresAt: Date;
}

/**
 * Holds seats for the caller for the hold TTL, all or nothing; held or sold by anyone else → 409 listing them. Fair
 * share: at most `maxHeldSeatsPerUser` seats at once across trips, and no seat held longer than `holdMaxLifetimeSeconds`.
 */
@Injectable()
export class HoldSeatsCommand {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly tickets: TicketRepository,
    private readonly holds: SeatHoldStore,
    private readonly clock: Clock,
    @Inject(TRAINS_SETTINGS) private readonly settings: TrainsSettings,
  ) {}

  async execute(input: HoldSeatsInput): Promise<HoldOutcome> {
    const trip = await this.catalogue.trip(input.tripId);
    const now = this.clock.now();
    checkTravelDate(trip.date, now, this.settings.bookingHorizonDays);
    const seats = checkSeats(trip.train, input.seats, this.settings.maxSeatsPerHold);
    const sold = await guarded('the ticket store', () => this.tickets.soldSeats(trip.tripId, seats));
    if (sold.length > 0) throw TrainsErrors.seatsSold(sold);
    const ttlMs = this.settings.holdTtlSeconds * 1000;
    const result = await guarded('the seat hold store', () =>
      this.holds.hold({
        tripId: trip.tripId,
        seats,
        owner: input.userId,
        ttlMs,
        cap: this.settings.maxHeldSeatsPerUser,
        maxLifetimeMs: this.settings.holdMaxLifetimeSeconds * 1000,
        // One TTL: long enough that everyone else gets a fair chance at a seat a hoarder had to let go.
        cooldownMs: ttlMs,
        exclusive: input.exclusive,
        now,
      }),
    );
    if (!result.ok) {
      if (result.reason === 'cap') throw TrainsErrors.holdCapExceeded(this.settings.maxHeldSeatsPerUser, result.held);
      if (result.reason === 'lifetime') throw TrainsErrors.holdRenewalLimit(result.seats, this.settings.holdMaxLifetimeSeconds, Math.ceil(result.retryAfterMs / 1000));
      throw TrainsErrors.seatsUnavailable(result.seats);
    }
    return { tripId: trip.tripId, seats, expiresAt: result.expiresAt };
  }
}
