/** A flight as stored (times in unix seconds, possibly fractional, as the original's generator sends them). */
export interface FlightRecord {
  id: string;
  departureTime: number;
  arrivalTime: number;
  /** Bag ids on the flight, in message order. */
  bags: readonly string[];
}

/** A bag's itinerary: flight ids ordered by departure. */
export interface BagRecord {
  id: string;
  flights: readonly string[];
}

/** `arriving_flight_work`: per bag of an arriving flight, its next-departure code (see codes.ts). */
export interface WorkItem {
  id: string;
  arrivalTime: number;
  bags: Readonly<Record<string, number>>;
  /** True when this item replaces one already produced for the flight (late bags or legs changed a code). */
  correction: boolean;
}

export interface StoredCounts {
  flights: number;
  bags: number;
}

/** What one upsert batch did (idempotent: a redelivered record is neither new nor changed). */
export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
}
