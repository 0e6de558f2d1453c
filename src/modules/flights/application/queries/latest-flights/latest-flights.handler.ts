import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@libs/kernel';
import { Direction, Flight, FlightsErrorCode, parseDirection, parseIntInRange } from '../../../domain';
import { FlightGraph } from '../../../ports';
import { AirportAccess } from '../../services';

export interface LatestFlights {
  direction: Direction;
  flights: Flight[];
}

export class LatestFlightsQuery extends Query<LatestFlights> {
  constructor(
    readonly email: string,
    readonly code: unknown,
    readonly direction: unknown,
    /** undefined = only the newest one (`/flights/last`), which must exist. */
    readonly limit?: unknown,
    readonly onlyLast = false,
  ) {
    super();
  }
}

@QueryHandler(LatestFlightsQuery)
export class LatestFlightsHandler implements IQueryHandler<LatestFlightsQuery, LatestFlights> {
  constructor(
    private readonly graph: FlightGraph,
    private readonly access: AirportAccess,
  ) {}

  async execute(q: LatestFlightsQuery): Promise<LatestFlights> {
    const direction = parseDirection(q.direction);
    const limit = q.onlyLast ? 1 : parseIntInRange(q.limit, 'limit', FlightsErrorCode.InvalidLimit, 1, 1000, 10);
    const { code } = await this.access.collectedAirport(q.email, q.code);
    const flights = await this.graph.latestFlights(code, direction, limit);
    if (q.onlyLast && flights.length === 0) throw DomainError.notFound(FlightsErrorCode.NoFlight, `no ${direction} recorded at ${code} yet`);
    return { direction, flights };
  }
}
