import type { BagStatus } from '../domain/bag-status';

/** REST views: snake_case times, as on the wire (`departure_time`, `arrival_time`). */
export interface LegView {
  id: string;
  stored: boolean;
  departure_time?: number;
  arrival_time?: number;
}

export interface BagView {
  id: string;
  flights: LegView[];
  status: BagStatus;
}

export interface FlightView {
  id: string;
  departure_time: number;
  arrival_time: number;
  bags: string[];
  work_produced: boolean;
  /** The last produced item's next-departure codes per bag (when produced). */
  work?: Readonly<Record<string, number>>;
  work_revision?: number;
}

export interface ArrivalView {
  id: string;
  arrival_time: number;
  work_produced: boolean;
}

export interface ArrivalsView {
  from: number;
  to: number;
  arrivals: ArrivalView[];
}
