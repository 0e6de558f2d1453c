import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { bagStatus } from '../../../domain/bag-status';
import { assertId, bagNotFound } from '../../../domain/errors';
import { BaggageStore } from '../../../ports/baggage-store';
import type { BagView } from '../../views';
import { GetBagQuery } from './get-bag.query';

@QueryHandler(GetBagQuery)
export class GetBagHandler implements IQueryHandler<GetBagQuery, BagView> {
  constructor(
    private readonly store: BaggageStore,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetBagQuery): Promise<BagView> {
    const id = assertId(query.id, 'id');
    const bag = await this.store.getBag(id);
    if (!bag) throw bagNotFound(id);
    const flights = await this.store.getFlights(bag.flights);
    const legs = bag.flights.map((fid, i) => ({ id: fid, departureTime: flights[i]?.departureTime, arrivalTime: flights[i]?.arrivalTime }));
    return {
      id,
      flights: legs.map((l) => (l.departureTime === undefined ? { id: l.id, stored: false } : { id: l.id, stored: true, departure_time: l.departureTime, arrival_time: l.arrivalTime })),
      status: bagStatus(legs, this.clock.now().getTime() / 1000),
    };
  }
}
