/** Where a bag is, judged from its itinerary's stored times at `now` (unix seconds). */
export type BagStatus =
  | { state: 'no-itinerary' }
  | { state: 'itinerary-incomplete'; missingFlights: string[] }
  | { state: 'awaiting-departure'; flight: string }
  | { state: 'in-flight'; flight: string }
  | { state: 'in-transfer'; from: string; to: string }
  | { state: 'arrived'; flight: string };

export interface LegTimes {
  id: string;
  departureTime?: number;
  arrivalTime?: number;
}

export function bagStatus(legs: readonly LegTimes[], now: number): BagStatus {
  if (legs.length === 0) return { state: 'no-itinerary' };
  const missing = legs.filter((l) => l.departureTime === undefined || l.arrivalTime === undefined).map((l) => l.id);
  if (missing.length > 0) return { state: 'itinerary-incomplete', missingFlights: missing };
  for (let i = 0; i < legs.length; i++) {
    const leg = legs[i];
    if (now < (leg.departureTime as number)) return i === 0 ? { state: 'awaiting-departure', flight: leg.id } : { state: 'in-transfer', from: legs[i - 1].id, to: leg.id };
    if (now < (leg.arrivalTime as number)) return { state: 'in-flight', flight: leg.id };
  }
  return { state: 'arrived', flight: legs[legs.length - 1].id };
}
