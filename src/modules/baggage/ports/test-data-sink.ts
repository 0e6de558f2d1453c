import type { BagRecord, FlightRecord } from '../domain/records';

/** Where the test data producer writes (`bags`, then `flights`). */
export abstract class TestDataSink {
  abstract sendBags(bags: readonly BagRecord[]): Promise<void>;
  abstract sendFlights(flights: readonly FlightRecord[]): Promise<void>;
  abstract close(): Promise<void>;
}
