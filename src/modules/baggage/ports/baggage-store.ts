import type { BagRecord, FlightRecord, StoredCounts, UpsertOutcome, WorkItem } from '../domain/records';

/** A stored flight as the queries see it. */
export interface StoredFlight extends FlightRecord {
  /** True once its work item was produced (the flight moved to `flight:arrived`). */
  workProduced: boolean;
  /** The last produced item's codes, when there is one. */
  work?: Readonly<Record<string, number>>;
  /** 1 for the first item, +1 per correction. */
  workRevision?: number;
}

export interface Arrival {
  id: string;
  arrivalTime: number;
  workProduced: boolean;
}

/**
 * Flights, bags and the arriving-flight work state (seed 003's Redis layout). Every write is atomic per call and
 * idempotent: replaying the same records changes nothing. Times are unix seconds.
 */
export abstract class BaggageStore {
  /** Upserts one consumed batch; counts only new flights. */
  abstract upsertFlights(flights: readonly FlightRecord[], now: number): Promise<UpsertOutcome>;
  /** Upserts one consumed batch; counts only new bags. */
  abstract upsertBags(bags: readonly BagRecord[], now: number): Promise<UpsertOutcome>;
  /**
   * Claims up to `limit` flights arriving at or before `horizon`: each flight is claimed exactly once, whoever calls.
   * Returns their work items (flights without bags are claimed but yield none), which stay "unpublished" until
   * `markPublished`. `maxBags` bounds one call's work: it stops after the flight that brings the bags computed to
   * `maxBags` (always at least one flight), and the rest wait for the next call.
   */
  abstract claimArrivals(horizon: number, limit: number, now: number, maxBags?: number): Promise<WorkItem[]>;
  /** Re-evaluates flights touched by late data whose item is out and that have not landed; returns changed items. */
  abstract takeCorrections(limit: number, now: number): Promise<WorkItem[]>;
  /** Items produced (claimed or corrected) at or before `now` but never confirmed published. */
  abstract unpublished(limit: number, now: number): Promise<WorkItem[]>;
  abstract markPublished(flightIds: readonly string[]): Promise<void>;
  /** Removes up to `limit` arrived flights that arrived before `cutoff`, and their bags no newer leg needs. */
  abstract purgeArrived(cutoff: number, limit: number): Promise<{ flights: number; bags: number }>;

  abstract getFlight(id: string): Promise<StoredFlight | undefined>;
  abstract getFlights(ids: readonly string[]): Promise<Array<FlightRecord | undefined>>;
  abstract getBag(id: string): Promise<BagRecord | undefined>;
  /** Flights arriving in [from, to], claimed or not, by arrival time. */
  abstract arrivals(from: number, to: number, limit: number): Promise<Arrival[]>;
  abstract counts(): Promise<StoredCounts>;
}
