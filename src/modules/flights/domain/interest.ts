import { parseAirportCode } from './airport-code';
import { FlightsErrorCode, invalid, unprocessable } from './flights-errors';

/** A user's interest in an airport, with optional alert thresholds on the flights of one collection. */
export interface Interest {
  airportCode: string;
  lowValue?: number;
  highValue?: number;
}

const MAX_THRESHOLD = 1_000_000;

function threshold(raw: unknown, field: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > MAX_THRESHOLD) {
    throw invalid(FlightsErrorCode.InvalidThreshold, `${field} must be an integer between 0 and ${MAX_THRESHOLD}`, { field });
  }
  return raw;
}

/** Validates one item of `POST /interests`: code (ICAO) and thresholds (integers, low < high when both are set). */
export function parseInterest(raw: unknown, index = 0): Interest {
  const path = `interests[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(FlightsErrorCode.InvalidRequest, `${path} must be an object`, { field: path });
  const item = raw as Record<string, unknown>;
  const airportCode = parseAirportCode(item.airport_code, `${path}.airport_code`);
  const lowValue = threshold(item.low_value, `${path}.low_value`);
  const highValue = threshold(item.high_value, `${path}.high_value`);
  if (lowValue !== undefined && highValue !== undefined && lowValue >= highValue) {
    throw unprocessable(FlightsErrorCode.ThresholdOrder, `${path}: low_value (${lowValue}) must be lower than high_value (${highValue})`, { field: `${path}.low_value` });
  }
  return { airportCode, ...(lowValue === undefined ? {} : { lowValue }), ...(highValue === undefined ? {} : { highValue }) };
}

/** The message of a threshold alert, or null when the total is within the user's bounds. */
export function thresholdBreach(interest: Interest, total: number): string | null {
  if (interest.lowValue !== undefined && total < interest.lowValue) {
    return `${interest.airportCode}: ${total} flights in the last collection, below your low value ${interest.lowValue}`;
  }
  if (interest.highValue !== undefined && total > interest.highValue) {
    return `${interest.airportCode}: ${total} flights in the last collection, above your high value ${interest.highValue}`;
  }
  return null;
}
