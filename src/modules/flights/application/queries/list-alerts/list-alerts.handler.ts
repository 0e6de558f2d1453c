import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { FlightsErrorCode, parseIntInRange } from '../../../domain';
import { Alert, AlertStore } from '../../../ports';

export class ListAlertsQuery extends Query<Alert[]> {
  constructor(
    readonly email: string,
    readonly limit: unknown,
  ) {
    super();
  }
}

@QueryHandler(ListAlertsQuery)
export class ListAlertsHandler implements IQueryHandler<ListAlertsQuery, Alert[]> {
  constructor(private readonly alerts: AlertStore) {}

  execute(q: ListAlertsQuery): Promise<Alert[]> {
    return this.alerts.forUser(q.email, parseIntInRange(q.limit, 'limit', FlightsErrorCode.InvalidLimit, 1, 500, 50));
  }
}
