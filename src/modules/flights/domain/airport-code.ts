import { FlightsErrorCode, invalid } from './flights-errors';

const ICAO = /^[A-Z]{4}$/;

/** An ICAO airport code: trimmed, uppercased, exactly 4 letters (`lirf`, ` LIRF ` → `LIRF`). */
export function parseAirportCode(raw: unknown, field = 'airport_code'): string {
  if (typeof raw !== 'string') throw invalid(FlightsErrorCode.InvalidAirportCode, `${field} must be a 4-letter ICAO code`, { field });
  const code = raw.trim().toUpperCase();
  if (!ICAO.test(code)) throw invalid(FlightsErrorCode.InvalidAirportCode, `${field} must be a 4-letter ICAO code, got ${JSON.stringify(raw.slice(0, 16))}`, { field });
  return code;
}

export function isAirportCode(value: unknown): value is string {
  return typeof value === 'string' && ICAO.test(value);
}
