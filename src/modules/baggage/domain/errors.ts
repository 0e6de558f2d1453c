import { DomainError } from '@libs/kernel';

/** Stable error codes of the baggage module (clients may switch on them: never rename one). */
export const BAGGAGE_ERRORS = {
  INVALID_ID: 'BAGGAGE.INVALID_ID',
  INVALID_WITHIN: 'BAGGAGE.INVALID_WITHIN',
  BAG_NOT_FOUND: 'BAGGAGE.BAG_NOT_FOUND',
  FLIGHT_NOT_FOUND: 'BAGGAGE.FLIGHT_NOT_FOUND',
  STORE_UNAVAILABLE: 'BAGGAGE.STORE_UNAVAILABLE',
} as const;

export const MAX_ID_LENGTH = 128;
const ID = /^[A-Za-z0-9_.:-]+$/;

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && ID.test(value);
}

export function assertId(value: unknown, field: string): string {
  if (!isValidId(value)) {
    throw DomainError.invalid(BAGGAGE_ERRORS.INVALID_ID, `${field} must be 1-${MAX_ID_LENGTH} characters of A-Z a-z 0-9 _ . : -`, { field });
  }
  return value;
}

export const bagNotFound = (id: string): DomainError => DomainError.notFound(BAGGAGE_ERRORS.BAG_NOT_FOUND, `bag ${id} is not stored`);
export const flightNotFound = (id: string): DomainError => DomainError.notFound(BAGGAGE_ERRORS.FLIGHT_NOT_FOUND, `flight ${id} is not stored`);
