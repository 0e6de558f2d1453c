import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Interest } from '../../../domain';
import { FlightGraph } from '../../../ports';

export class ListInterestsQuery extends Query<Interest[]> {
  constructor(readonly email: string) {
    super();
  }
}

@QueryHandler(ListInterestsQuery)
export class ListInterestsHandler implements IQueryHandler<ListInterestsQuery, Interest[]> {
  constructor(private readonly graph: FlightGraph) {}

  execute({ email }: ListInterestsQuery): Promise<Interest[]> {
    return this.graph.interestsOf(email);
  }
}
