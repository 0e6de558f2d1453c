import { Inject, Injectable } from '@nestjs/common';
import { SeatClass, seatMap, seatPrice } from '../../../domain';
import { SeatHoldStore, TicketRepository } from '../../../ports';
import { CatalogueService } from '../../catalogue.service';
import { guarded } from '../../store-errors';
import { TRAINS_SETTINGS, TrainsSettings } from '../../trains-settings';

export type SeatStatus = 'free' | 'held_by_you' | 'held' | 'sold';

export interface SeatView {
  seat: string;
  row: number;
  column: number;
  status: SeatStatus;
  price: number;
  /** For seats held by the caller. */
  holdExpiresAt?: string;
}

export interface Layout {
  tripId: string;
  trainName: string;
  from: string;
  to: string;
  date: string;
  departureTime: string;
  currency: string;
  holdTtlSeconds: number;
  coaches: Array<{ coach: string; seatClass: SeatClass; rows: number; seatsPerRow: number; price: number; seats: SeatView[] }>;
  counts: Record<SeatStatus, number>;
}

/** Coaches and seats of a trip with status and the price that would be charged now. */
@Injectable()
export class GetLayoutQuery {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly tickets: TicketRepository,
    private readonly holds: SeatHoldStore,
    @Inject(TRAINS_SETTINGS) private readonly settings: TrainsSettings,
  ) {}

  async execute(input: { tripId: string; userId?: string }): Promise<Layout> {
    const trip = await this.catalogue.trip(input.tripId);
    const map = seatMap(trip.train);
    const all = map.list.map((s) => s.seat);
    const [sold, held] = await Promise.all([
      guarded('the ticket store', () => this.tickets.soldSeats(trip.tripId)),
      guarded('the seat hold store', () => this.holds.holds(trip.tripId, all)),
    ]);
    const soldSet = new Set(sold);
    const counts: Record<SeatStatus, number> = { free: 0, held_by_you: 0, held: 0, sold: 0 };
    const coaches = trip.train.coaches.map((coach) => {
      const price = seatPrice(trip.baseFare, coach.seatClass, soldSet.size, trip.capacity);
      const seats = map.list
        .filter((s) => s.coach === coach.code)
        .map((s): SeatView => {
          const hold = held.get(s.seat);
          const status: SeatStatus = soldSet.has(s.seat) ? 'sold' : hold ? (hold.owner === input.userId ? 'held_by_you' : 'held') : 'free';
          counts[status]++;
          return { seat: s.seat, row: s.row, column: s.column, status, price, ...(status === 'held_by_you' && hold ? { holdExpiresAt: hold.expiresAt.toISOString() } : {}) };
        });
      return { coach: coach.code, seatClass: coach.seatClass, rows: coach.rows, seatsPerRow: coach.seatsPerRow, price, seats };
    });
    return {
      tripId: trip.tripId,
      trainName: trip.train.name,
      from: trip.from.name,
      to: trip.to.name,
      date: trip.date,
      departureTime: trip.schedule.departureTime,
      currency: this.settings.currency,
      holdTtlSeconds: this.settings.holdTtlSeconds,
      coaches,
      counts,
    };
  }
}
