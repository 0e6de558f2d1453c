import type { WorkItem } from '../domain/records';

/** Where arriving-flight work goes (`arriving_flight_work`, keyed by flight id). Resolves once durably written. */
export abstract class WorkPublisher {
  abstract publish(items: readonly WorkItem[]): Promise<void>;
}
