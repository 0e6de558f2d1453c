import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Direction, Flight, Interest } from '../../../domain';
import type { Alert } from '../../../ports';

// What domain/interest.ts and domain/airport-code.ts accept, as JSON Schema (npm run test:api-fuzz checks it). Whether
// low_value < high_value (422 FLIGHTS.THRESHOLD_ORDER) is a rule across two fields no property schema states.
/** JavaScript's `\s` (what `trim()` removes), spelled out: Python's `\s` also matches \x1c-\x1f. */
const WS = '[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*';
const THRESHOLD = { type: 'integer', minimum: 0, maximum: 1_000_000, nullable: true } as const;

export class InterestItemDto {
  @ApiProperty({ example: 'LIRF', description: 'ICAO code (4 letters; trimmed and uppercased)', type: String, pattern: `^${WS}[A-Za-z]{4}${WS}$` })
  airport_code!: string;
  @ApiPropertyOptional({ ...THRESHOLD, example: 5, description: 'Alert when a collection brings fewer flights than this' })
  low_value?: number;
  @ApiPropertyOptional({ ...THRESHOLD, example: 200, description: 'Alert when a collection brings more flights than this (must be > low_value)' })
  high_value?: number;
}

export class SaveInterestsDto {
  @ApiProperty({ type: [InterestItemDto], minItems: 1, maxItems: 100 })
  interests!: InterestItemDto[];
}

/** Seed 000's text for a saved set of interests, word for word. */
export const INTERESTS_UPDATED = 'Interests updated successfully';

export class MessageView {
  @ApiProperty({ example: INTERESTS_UPDATED })
  message!: string;
}

export class TrackedAirportsView {
  @ApiProperty({ type: [InterestItemDto] })
  tracked_airports!: InterestItemDto[];
}

export class FlightView {
  @ApiProperty({ example: '4ca7b5' }) icao24!: string;
  @ApiProperty({ example: 'RYR4KT', nullable: true, type: String }) callsign!: string | null;
  @ApiProperty({ example: '2026-01-01T08:00:00Z' }) firstSeen!: string;
  @ApiProperty({ example: '2026-01-01T10:10:00Z' }) lastSeen!: string;
  @ApiProperty({ example: 'LIRF', nullable: true, type: String }) estDepartureAirport!: string | null;
  @ApiProperty({ example: 'EGLL', nullable: true, type: String }) estArrivalAirport!: string | null;
  @ApiProperty({ enum: ['arrival', 'departure'] }) type!: Direction;
}

/** Seed 000's envelope of `GET /airports/{code}/flights`. */
export class FlightListView {
  @ApiProperty({ type: [FlightView] }) flights!: FlightView[];
}

/** Seed 000's envelope of `GET /airports/{code}/flights/last`. */
export class SingleFlightView {
  @ApiProperty({ type: FlightView }) flight!: FlightView;
}

export class AlertView {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'LIRF' }) airport_code!: string;
  @ApiProperty({ example: 'LIRF: 3 flights in the last collection, below your low value 5' }) message!: string;
  @ApiProperty({ example: '2026-01-01T12:00:00.000Z' }) raised_at!: string;
}

/** RFC 3339 UTC without milliseconds. */
const rfc3339 = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');

export function flightView(f: Flight, direction: Direction): FlightView {
  return {
    icao24: f.icao24,
    callsign: f.callsign,
    firstSeen: rfc3339(f.firstSeen),
    lastSeen: rfc3339(f.lastSeen),
    estDepartureAirport: f.estDepartureAirport,
    estArrivalAirport: f.estArrivalAirport,
    type: direction,
  };
}

export function interestView(i: Interest): InterestItemDto {
  return { airport_code: i.airportCode, ...(i.lowValue === undefined ? {} : { low_value: i.lowValue }), ...(i.highValue === undefined ? {} : { high_value: i.highValue }) };
}

export function alertView(a: Alert): AlertView {
  return { id: a.id, airport_code: a.airportCode, message: a.message, raised_at: a.raisedAt };
}
