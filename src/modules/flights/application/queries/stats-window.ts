import { Clock } from '@libs/kernel';
import { FlightsErrorCode, parseIntInRange } from '../../domain';

/** The statistics routes' `days` parameter: 1–365, 7 when absent. */
export function parseStatsDays(raw: unknown): number {
  return parseIntInRange(raw, 'days', FlightsErrorCode.InvalidDays, 1, 365, 7);
}

/** The last `days` days up to now, in unix seconds; `to` is exclusive, so a flight stamped this second counts. */
export function lastDays(clock: Clock, days: number): { from: number; to: number } {
  const now = Math.floor(clock.now().getTime() / 1000);
  return { from: now - days * 86_400, to: now + 1 };
}
