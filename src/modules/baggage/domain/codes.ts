import type { BagRecord } from './records';

/**
 * Next-departure codes of a bag on an arriving flight (seed 003, with the `> 0` rule corrected):
 * a positive code is the departure time (unix seconds) of the bag's next leg.
 */
export const NEXT_DEPARTURE = {
  /** The bag's itinerary is not stored yet. */
  ITINERARY_UNKNOWN: -1,
  /** The bag has an empty itinerary. */
  EMPTY_ITINERARY: -2,
  /** The next leg's flight is not stored yet. */
  NEXT_FLIGHT_UNKNOWN: -3,
  /** The arriving flight is not in the bag's itinerary (undocumented in the original, kept). */
  NOT_ON_ITINERARY: -10,
  /** The arriving flight is the bag's last leg. */
  FINAL_DESTINATION: 0,
} as const;

/**
 * The code for one bag of arriving flight `flightId`. `departureOf` returns the stored departure time of a
 * flight, or undefined when the flight is not stored. The Lua claim script implements the same rule.
 */
export function nextDepartureCode(flightId: string, bag: BagRecord | undefined, departureOf: (flightId: string) => number | undefined): number {
  if (!bag) return NEXT_DEPARTURE.ITINERARY_UNKNOWN;
  if (bag.flights.length === 0) return NEXT_DEPARTURE.EMPTY_ITINERARY;
  const leg = bag.flights.indexOf(flightId);
  if (leg < 0) return NEXT_DEPARTURE.NOT_ON_ITINERARY;
  if (leg === bag.flights.length - 1) return NEXT_DEPARTURE.FINAL_DESTINATION;
  const departure = departureOf(bag.flights[leg + 1]);
  return departure === undefined ? NEXT_DEPARTURE.NEXT_FLIGHT_UNKNOWN : departure;
}
