/** One tick of the arriving-flight work producer. */
export class ProduceArrivingWorkCommand {}

export interface WorkTickResult {
  produced: number;
  corrections: number;
  resent: number;
  /** Items the publisher could not deliver this tick (they stay unpublished and are sent again). */
  failed: number;
}
