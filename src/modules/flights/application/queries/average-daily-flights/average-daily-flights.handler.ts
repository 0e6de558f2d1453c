import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { Direction, FlightsErrorCode, parseDirection, parseIntInRange } from '../../../domain';
import { FlightGraph } from '../../../ports';
import { AirportAccess } from '../../services';

export interface AverageDailyFlights {
  airport: string;
  direction: Direction;
  days: number;
  average_daily_flights: number;
}

export class AverageDailyFlightsQuery extends Query<AverageDailyFlights> {
  constructor(
    readonly email: string,
    readonly code: unknown,
    readonly direction: unknown,
    readonly days: unknown,
  ) {
    super();
  }
}

/** Flights in that direction in the last `days` days (arrivals by lastSeen, departures by firstSeen) / days. */
@QueryHandler(AverageDailyFlightsQuery)
export class AverageDailyFlightsHandler implements IQueryHandler<AverageDailyFlightsQuery, AverageDailyFlights> {
  constructor(
    private readonly graph: FlightGraph,
    private readonly access: AirportAccess,
    private readonly clock: Clock,
  ) {}

  async execute(q: AverageDailyFlightsQuery): Promise<AverageDailyFlights> {
    const direction = parseDirection(q.direction);
    const days = parseIntInRange(q.days, 'days', FlightsErrorCode.InvalidDays, 1, 365, 7);
    const { code } = await this.access.collectedAirport(q.email, q.code);
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const count = await this.graph.countFlights(code, direction, now - days * 86_400, now + 1);
    return { airport: code, direction, days, average_daily_flights: Math.round((count / days) * 100) / 100 };
  }
}
