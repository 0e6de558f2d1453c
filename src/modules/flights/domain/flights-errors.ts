import { DomainError } from '@libs/kernel';

/** flights' stable error codes: part of the public contract, never renamed. */
export const FlightsErrorCode = {
  InvalidRequest: 'FLIGHTS.INVALID_REQUEST',
  InvalidAirportCode: 'FLIGHTS.INVALID_AIRPORT_CODE',
  InvalidThreshold: 'FLIGHTS.INVALID_THRESHOLD',
  ThresholdOrder: 'FLIGHTS.THRESHOLDS_OUT_OF_ORDER',
  InvalidDirection: 'FLIGHTS.INVALID_DIRECTION',
  InvalidDays: 'FLIGHTS.INVALID_DAYS',
  InvalidLimit: 'FLIGHTS.INVALID_LIMIT',
  Unauthenticated: 'FLIGHTS.UNAUTHENTICATED',
  InvalidCredentials: 'FLIGHTS.INVALID_CREDENTIALS',
  AdminOnly: 'FLIGHTS.ADMIN_ONLY',
  AirportNotTracked: 'FLIGHTS.AIRPORT_NOT_TRACKED',
  InterestNotFound: 'FLIGHTS.INTEREST_NOT_FOUND',
  NoDataYet: 'FLIGHTS.NO_DATA_YET',
  NoFlight: 'FLIGHTS.NO_FLIGHT',
  IdentityUnavailable: 'FLIGHTS.IDENTITY_UNAVAILABLE',
  GraphUnavailable: 'FLIGHTS.GRAPH_UNAVAILABLE',
  OpenSkyUnavailable: 'FLIGHTS.OPENSKY_UNAVAILABLE',
  OpenSkyRateLimited: 'FLIGHTS.OPENSKY_RATE_LIMITED',
  OpenSkyBudgetExhausted: 'FLIGHTS.OPENSKY_BUDGET_EXHAUSTED',
  OpenSkyWindowTooLong: 'FLIGHTS.OPENSKY_WINDOW_TOO_LONG',
  OpenSkyRejected: 'FLIGHTS.OPENSKY_REJECTED',
  CollectionInProgress: 'FLIGHTS.COLLECTION_IN_PROGRESS',
} as const;

export function invalid(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return DomainError.invalid(code, message, details);
}

export function unprocessable(code: string, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, 'unprocessable', message, { details });
}
