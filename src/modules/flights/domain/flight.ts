import { FlightsErrorCode, invalid } from './flights-errors';

export type Direction = 'arrival' | 'departure';
export const DIRECTIONS: readonly Direction[] = ['arrival', 'departure'];

/** One real flight, as OpenSky reports it; identified by (icao24, firstSeen). Times are unix seconds. */
export interface Flight {
  icao24: string;
  callsign: string | null;
  firstSeen: number;
  lastSeen: number;
  estDepartureAirport: string | null;
  estArrivalAirport: string | null;
}

export function flightKey(flight: Pick<Flight, 'icao24' | 'firstSeen'>): string {
  return `${flight.icao24}@${flight.firstSeen}`;
}

/** Keeps the first of each (icao24, firstSeen): a flight between two monitored airports is fetched twice. */
export function uniqueFlights(flights: Iterable<Flight>): Flight[] {
  const byKey = new Map<string, Flight>();
  for (const f of flights) if (!byKey.has(flightKey(f))) byKey.set(flightKey(f), f);
  return [...byKey.values()];
}

/** `direction` of the airport routes; omitted means departure, as in seed 000 (its Huma default). */
export function parseDirection(raw: unknown, fallback: Direction = 'departure'): Direction {
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw === 'string' && (DIRECTIONS as readonly string[]).includes(raw.trim().toLowerCase())) return raw.trim().toLowerCase() as Direction;
  throw invalid(FlightsErrorCode.InvalidDirection, 'direction must be arrival or departure', { field: 'direction' });
}

/** The instant that places a flight in a direction's statistics: arrivals by lastSeen, departures by firstSeen. */
export function instantFor(flight: Flight, direction: Direction): number {
  return direction === 'arrival' ? flight.lastSeen : flight.firstSeen;
}

export function parseIntInRange(raw: unknown, field: string, code: string, min: number, max: number, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw invalid(code, `${field} must be an integer between ${min} and ${max}`, { field });
  }
  return Number(text);
}
