import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@libs/kernel';
import { MAX_ARRIVALS, parseWithin } from '../../../domain/arrivals';
import { BaggageStore } from '../../../ports/baggage-store';
import type { ArrivalsView } from '../../views';
import { ListArrivalsQuery } from './list-arrivals.query';

@QueryHandler(ListArrivalsQuery)
export class ListArrivalsHandler implements IQueryHandler<ListArrivalsQuery, ArrivalsView> {
  constructor(
    private readonly store: BaggageStore,
    private readonly clock: Clock,
  ) {}

  async execute(query: ListArrivalsQuery): Promise<ArrivalsView> {
    const within = parseWithin(query.within);
    const from = this.clock.now().getTime() / 1000;
    const to = from + within;
    const rows = await this.store.arrivals(from, to, MAX_ARRIVALS);
    return { from, to, arrivals: rows.map((r) => ({ id: r.id, arrival_time: r.arrivalTime, work_produced: r.workProduced })) };
  }
}
