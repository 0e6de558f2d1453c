import type { Direction, Flight, Interest } from '../domain';

export interface AirportState {
  code: string;
  /** Unix seconds up to which the airport has been collected; null before its first collection. */
  lastUpdate: number | null;
}

export interface InterestedUser {
  email: string;
  interest: Interest;
}

export interface HourCount {
  /** Hour of day, UTC, 0..23. */
  hour: number;
  flights: number;
}

export interface RouteCount {
  departure: string;
  arrival: string;
  flights: number;
}

/**
 * The flights graph: `(:User {email})-[:INTERESTED_IN {low_value, high_value}]->(:Airport {code, last_update})`,
 * `(:Airport)-[:DEPARTED]->(:Flight)-[:ARRIVED]->(:Airport)`, one Flight per (icao24, firstSeen). Emails arrive
 * normalised and codes validated (domain). Time arguments are unix seconds; windows are [from, to).
 */
export abstract class FlightGraph {
  /** Creates or updates the user's interests (thresholds replaced; an absent threshold is removed). */
  abstract saveInterests(email: string, interests: readonly Interest[]): Promise<void>;
  /** The user's interests, by airport code. */
  abstract interestsOf(email: string): Promise<Interest[]>;
  /** False when the user had no interest in that airport. */
  abstract removeInterest(email: string, airportCode: string): Promise<boolean>;
  /** Forgets the user and every interest of theirs; returns how many interests were removed (0 when unknown). */
  abstract removeUser(email: string): Promise<number>;
  /** Every user in the graph (for the reconciliation with identity). */
  abstract userEmails(): Promise<string[]>;
  /** Airports with at least one interested user, by code. */
  abstract monitoredAirports(): Promise<AirportState[]>;
  abstract interestedUsers(airportCode: string): Promise<InterestedUser[]>;
  /** null when the airport is not in the graph at all. */
  abstract airport(airportCode: string): Promise<AirportState | null>;
  /** Stores flights idempotently (MERGE on (icao24, firstSeen)); returns how many were new. */
  abstract ingest(flights: readonly Flight[]): Promise<number>;
  /** Sets the airport's last_update (never moves it back). */
  abstract markCollected(airportCode: string, lastUpdate: number): Promise<void>;
  /** Newest first: arrivals by lastSeen, departures by firstSeen. */
  abstract latestFlights(airportCode: string, direction: Direction, limit: number): Promise<Flight[]>;
  /** Flights in that direction whose instant (arrival: lastSeen, departure: firstSeen) is in [from, to). */
  abstract countFlights(airportCode: string, direction: Direction, from: number, to: number): Promise<number>;
  /** Flights per UTC hour of day in [from, to), busiest first (ties: earlier hour first); hours without flights omitted. */
  abstract busiestHours(airportCode: string, direction: Direction, from: number, to: number): Promise<HourCount[]>;
  /**
   * Airport pairs of the flights that departed from (firstSeen in window) or arrived at (lastSeen in window) the
   * airport, most flown first (ties: by departure then arrival code); flights with an unknown end are left out.
   */
  abstract topRoutes(airportCode: string, from: number, to: number, limit: number): Promise<RouteCount[]>;
}
