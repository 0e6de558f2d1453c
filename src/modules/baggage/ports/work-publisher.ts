import type { WorkItem } from '../domain/records';

/** One item the publisher could not deliver, with why (logged and counted with the flight id). */
export interface WorkItemProblem {
  id: string;
  reason: string;
}

/**
 * What one `publish` call did, per item. `delivered` and `deadLettered` are final (the caller confirms them and never
 * sends them again); `failed` items were refused for now (broker unavailable, not enough replicas) and stay
 * unpublished, so a later tick sends them again.
 */
export interface PublishReport {
  delivered: string[];
  /** Too large for the broker even alone: a summary went to `<topic>.dlq`; the full item stays in the store. */
  deadLettered: WorkItemProblem[];
  failed: WorkItemProblem[];
}

/**
 * Where arriving-flight work goes (`arriving_flight_work`, keyed by flight id). Resolves once every item is durably
 * written, dead-lettered or reported failed; one bad item or request never blocks the others.
 */
export abstract class WorkPublisher {
  abstract publish(items: readonly WorkItem[]): Promise<PublishReport>;
}
