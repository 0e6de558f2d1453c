import { DomainError } from '@libs/kernel';
import { BAGGAGE_ERRORS } from './errors';

export const MAX_WITHIN_SECONDS = 86_400;
export const DEFAULT_WITHIN_SECONDS = 600;
export const MAX_ARRIVALS = 1000;

/** `?within=` of GET /baggage/arrivals: whole seconds, 1…86400 (default 600, seed 003's window). */
export function parseWithin(raw: unknown): number {
  if (raw === undefined || raw === '') return DEFAULT_WITHIN_SECONDS;
  const text = Array.isArray(raw) ? undefined : String(raw);
  const value = text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_WITHIN_SECONDS) {
    throw DomainError.invalid(BAGGAGE_ERRORS.INVALID_WITHIN, `within must be an integer number of seconds between 1 and ${MAX_WITHIN_SECONDS}`, { field: 'within' });
  }
  return value;
}
