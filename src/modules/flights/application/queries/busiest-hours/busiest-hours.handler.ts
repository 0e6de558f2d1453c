import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { Direction, parseDirection } from '../../../domain';
import { FlightGraph, HourCount } from '../../../ports';
import { AirportAccess } from '../../services';
import { lastDays, parseStatsDays } from '../stats-window';

export interface BusiestHours {
  airport: string;
  direction: Direction;
  days: number;
  hours: HourCount[];
}

export class BusiestHoursQuery extends Query<BusiestHours> {
  constructor(
    readonly email: string,
    readonly code: unknown,
    readonly direction: unknown,
    readonly days: unknown,
  ) {
    super();
  }
}

/** Flights per UTC hour of day over the last `days` days, busiest first. */
@QueryHandler(BusiestHoursQuery)
export class BusiestHoursHandler implements IQueryHandler<BusiestHoursQuery, BusiestHours> {
  constructor(
    private readonly graph: FlightGraph,
    private readonly access: AirportAccess,
    private readonly clock: Clock,
  ) {}

  async execute(q: BusiestHoursQuery): Promise<BusiestHours> {
    const direction = parseDirection(q.direction);
    const days = parseStatsDays(q.days);
    const { code } = await this.access.collectedAirport(q.email, q.code);
    const { from, to } = lastDays(this.clock, days);
    return { airport: code, direction, days, hours: await this.graph.busiestHours(code, direction, from, to) };
  }
}
