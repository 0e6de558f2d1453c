import { TrainsErrors } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that really exists (2025-02-30 does not). */
export function parseDate(value: string): string {
  const match = ISO_DATE.exec(value);
  if (!match) throw TrainsErrors.invalidDate(value);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) throw TrainsErrors.invalidDate(value);
  return value;
}

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Travel dates are UTC calendar days from today to `horizonDays` ahead. */
export function checkTravelDate(value: string, now: Date, horizonDays: number): string {
  const date = parseDate(value);
  const today = isoDate(now);
  if (date < today) throw TrainsErrors.dateInPast(date);
  const last = isoDate(new Date(now.getTime() + horizonDays * 86_400_000));
  if (date > last) throw TrainsErrors.dateTooFar(date, horizonDays);
  return date;
}

/** `HH:MM` plus minutes → `HH:MM` (next day wraps). */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = (h * 60 + m + minutes) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The next departure of a daily schedule at `now`, for clients that send no date (seed 002's ticket purchase):
 * today's trip (UTC date) until its departure time `HH:MM` has come on the UTC clock, else tomorrow's.
 * `today` is also returned: a caller may still prefer today's trip (seats it holds there).
 */
export function nextDeparture(now: Date, departureTime: string): { date: string; today: string; departed: boolean } {
  const today = isoDate(now);
  const departed = now.toISOString().slice(11, 16) >= departureTime;
  return { date: departed ? isoDate(new Date(now.getTime() + 86_400_000)) : today, today, departed };
}
