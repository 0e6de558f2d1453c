import { seededRandom } from '@libs/kernel';
import { generateHour } from '../../../domain/test-data';
import { TestDataSink } from '../../../ports/test-data-sink';

export interface GenerateTestDataOptions {
  hours: number;
  flightsPerHour: number;
  bagsPerHour: number;
  /** Start of the first hour, unix seconds. */
  start: number;
  seed: number;
  /** Bags sent per sink call. */
  chunk?: number;
  /** `latestFlightArrival`: the latest arrival time (unix seconds) of the flights sent so far (seed 003's gauge). */
  onProgress?: (progress: { sentBags: number; sentFlights: number; totalBags: number; totalFlights: number; latestFlightArrival?: number }) => void;
}

export interface GenerateTestDataSummary {
  hours: number;
  flights: number;
  bags: number;
  start: number;
  end: number;
  seed: number;
  seconds: number;
  bagsPerSecond: number;
}

/**
 * The test data producer (seed 003's generator, bounded): per hour, its bags first, then its flights, so consumers
 * see bags before flights as in the original.
 */
export class GenerateTestData {
  constructor(private readonly sink: TestDataSink) {}

  async execute(options: GenerateTestDataOptions): Promise<GenerateTestDataSummary> {
    const started = Date.now();
    const random = seededRandom(options.seed);
    const chunk = options.chunk ?? 5000;
    const totals = { totalBags: options.hours * options.bagsPerHour, totalFlights: options.hours * options.flightsPerHour };
    let sentBags = 0;
    let sentFlights = 0;
    let latestFlightArrival: number | undefined;
    for (let h = 0; h < options.hours; h++) {
      const hour = generateHour({ hourStart: options.start + h * 3600, flights: options.flightsPerHour, bags: options.bagsPerHour, random });
      for (let i = 0; i < hour.bags.length; i += chunk) {
        const part = hour.bags.slice(i, i + chunk);
        await this.sink.sendBags(part);
        sentBags += part.length;
        options.onProgress?.({ sentBags, sentFlights, ...totals, latestFlightArrival });
      }
      await this.sink.sendFlights(hour.flights);
      sentFlights += hour.flights.length;
      for (const f of hour.flights) latestFlightArrival = Math.max(latestFlightArrival ?? f.arrivalTime, f.arrivalTime);
      options.onProgress?.({ sentBags, sentFlights, ...totals, latestFlightArrival });
    }
    const seconds = (Date.now() - started) / 1000;
    return {
      hours: options.hours,
      flights: sentFlights,
      bags: sentBags,
      start: options.start,
      end: options.start + options.hours * 3600,
      seed: options.seed,
      seconds,
      bagsPerSecond: Math.round(sentBags / Math.max(seconds, 0.001)),
    };
  }
}
