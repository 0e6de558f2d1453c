import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertId, flightNotFound } from '../../../domain/errors';
import { BaggageStore } from '../../../ports/baggage-store';
import type { FlightView } from '../../views';
import { GetFlightQuery } from './get-flight.query';

@QueryHandler(GetFlightQuery)
export class GetFlightHandler implements IQueryHandler<GetFlightQuery, FlightView> {
  constructor(private readonly store: BaggageStore) {}

  async execute(query: GetFlightQuery): Promise<FlightView> {
    const id = assertId(query.id, 'id');
    const f = await this.store.getFlight(id);
    if (!f) throw flightNotFound(id);
    return {
      id,
      departure_time: f.departureTime,
      arrival_time: f.arrivalTime,
      bags: [...f.bags],
      work_produced: f.workProduced,
      ...(f.work ? { work: f.work, work_revision: f.workRevision } : {}),
    };
  }
}
