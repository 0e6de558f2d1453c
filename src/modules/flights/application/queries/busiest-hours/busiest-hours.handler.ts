import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { Direction, FlightsErrorCode, parseDirection, parseIntInRange } from '../../../domain';
import { FlightGraph, HourCount } from '../../../ports';
import { AirportAccess } from '../../services';

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
    const days = parseIntInRange(q.days, 'days', FlightsErrorCode.InvalidDays, 1, 365, 7);
    const { code } = await this.access.collectedAirport(q.email, q.code);
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return { airport: code, direction, days, hours: await this.graph.busiestHours(code, direction, now - days * 86_400, now + 1) };
  }
}
