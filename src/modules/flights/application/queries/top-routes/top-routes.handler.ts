import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { FlightsErrorCode, parseIntInRange } from '../../../domain';
import { FlightGraph, RouteCount } from '../../../ports';
import { AirportAccess } from '../../services';
import { lastDays, parseStatsDays } from '../stats-window';

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
    const days = parseStatsDays(q.days);
    const limit = parseIntInRange(q.limit, 'limit', FlightsErrorCode.InvalidLimit, 1, 100, 10);
    const { code } = await this.access.collectedAirport(q.email, q.code);
    const { from, to } = lastDays(this.clock, days);
    return { airport: code, days, routes: await this.graph.topRoutes(code, from, to, limit) };
  }
}
