import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { FlightsErrorCode, parseIntInRange } from '../../../domain';
import { FlightGraph, RouteCount } from '../../../ports';
import { AirportAccess } from '../../services';

export interface TopRoutes {
  airport: string;
  days: number;
  routes: RouteCount[];
}

export class TopRoutesQuery extends Query<TopRoutes> {
  constructor(
    readonly email: string,
    readonly code: unknown,
    readonly days: unknown,
    readonly limit: unknown,
  ) {
    super();
  }
}

/** The most flown airport pairs through the airport over the last `days` days. */
@QueryHandler(TopRoutesQuery)
export class TopRoutesHandler implements IQueryHandler<TopRoutesQuery, TopRoutes> {
  constructor(
    private readonly graph: FlightGraph,
    private readonly access: AirportAccess,
    private readonly clock: Clock,
  ) {}

  async execute(q: TopRoutesQuery): Promise<TopRoutes> {
    const days = parseIntInRange(q.days, 'days', FlightsErrorCode.InvalidDays, 1, 365, 7);
    const limit = parseIntInRange(q.limit, 'limit', FlightsErrorCode.InvalidLimit, 1, 100, 10);
    const { code } = await this.access.collectedAirport(q.email, q.code);
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return { airport: code, days, routes: await this.graph.topRoutes(code, now - days * 86_400, now + 1, limit) };
  }
}
