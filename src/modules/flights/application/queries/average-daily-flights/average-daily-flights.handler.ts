import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { Direction, parseDirection } from '../../../domain';
import { FlightGraph } from '../../../ports';
import { AirportAccess } from '../../services';
import { lastDays, parseStatsDays } from '../stats-window';

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
    const days = parseStatsDays(q.days);
    const { code } = await this.access.collectedAirport(q.email, q.code);
    const { from, to } = lastDays(this.clock, days);
    const count = await this.graph.countFlights(code, direction, from, to);
    return { airport: code, direction, days, average_daily_flights: Math.round((count / days) * 100) / 100 };
  }
}
