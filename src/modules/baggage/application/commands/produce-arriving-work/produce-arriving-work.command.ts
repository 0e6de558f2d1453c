/** One tick of the arriving-flight work producer. */
export class ProduceArrivingWorkCommand {}

export interface WorkTickResult {
  produced: number;
  corrections: number;
  resent: number;
}
