import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { SeatClass, TrainsErrors, addMinutes, checkTravelDate, seatMap, seatPrice, tripId } from '../../../domain';
import { SeatHoldStore, TicketRepository } from '../../../ports';
import { CatalogueService } from '../../catalogue.service';
import { guarded } from '../../store-errors';
import { TRAINS_SETTINGS, TrainsSettings } from '../../trains-settings';

export interface TripSummary {
  tripId: string;
  scheduleId: string;
  trainId: string;
  trainName: string;
  from: string;
  to: string;
  date: string;
  departureTime: string;
  arrivalTime: string;
  durationMinutes: number;
  stops: Array<{ station: string; time: string }>;
  seatsTotal: number;
  seatsLeft: number;
  priceFrom: number;
  classes: Array<{ seatClass: SeatClass; price: number }>;
  currency: string;
}

/** Trips between two stations on a date: unknown station 404, same station / bad or past date 400. */
@Injectable()
export class SearchTripsQuery {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly tickets: TicketRepository,
    private readonly holds: SeatHoldStore,
    private readonly clock: Clock,
    @Inject(TRAINS_SETTINGS) private readonly settings: TrainsSettings,
  ) {}

  async execute(input: { from: string; to: string; date: string }): Promise<TripSummary[]> {
    const [from, to] = await Promise.all([this.catalogue.station(input.from), this.catalogue.station(input.to)]);
    if (from.code === to.code) throw TrainsErrors.sameStation();
    const date = checkTravelDate(input.date, this.clock.now(), this.settings.bookingHorizonDays);
    const c = await this.catalogue.get();
    const schedules = c.snapshot.schedules.filter((s) => s.fromCode === from.code && s.toCode === to.code).sort((a, b) => a.departureTime.localeCompare(b.departureTime));
    if (schedules.length === 0) return [];
    const ids = schedules.map((s) => tripId(s.id, date));
    const sold = await guarded('the ticket store', () => this.tickets.soldCounts(ids));
    return Promise.all(
      schedules.map(async (s, i) => {
        const trip = await this.catalogue.tripOf(s.id, date);
        const soldHere = sold.get(ids[i]) ?? 0;
        const held = await this.heldCount(trip.tripId, trip.train);
        const classes = [...new Set(trip.train.coaches.map((co) => co.seatClass))].map((seatClass) => ({ seatClass, price: seatPrice(trip.baseFare, seatClass, soldHere, trip.capacity) }));
        return {
          tripId: trip.tripId,
          scheduleId: s.id,
          trainId: trip.train.id,
          trainName: trip.train.name,
          from: from.name,
          to: to.name,
          date,
          departureTime: s.departureTime,
          arrivalTime: addMinutes(s.departureTime, s.durationMinutes),
          durationMinutes: s.durationMinutes,
          stops: s.stops.map((st) => ({ station: c.stationsByCode.get(st.stationCode)?.name ?? st.stationCode, time: addMinutes(s.departureTime, st.offsetMinutes) })),
          seatsTotal: trip.capacity,
          seatsLeft: Math.max(0, trip.capacity - soldHere - held),
          priceFrom: Math.min(...classes.map((x) => x.price)),
          classes,
          currency: this.settings.currency,
        };
      }),
    );
  }

  /** Holds are advisory: when Redis is down, seats left is computed from tickets alone rather than failing the search. */
  private async heldCount(id: string, train: Parameters<typeof seatMap>[0]): Promise<number> {
    try {
      return (await this.holds.holds(id, seatMap(train).list.map((s) => s.seat))).size;
    } catch {
      return 0;
    }
  }
}
