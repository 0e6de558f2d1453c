export interface TrainsSettings {
  holdTtlSeconds: number;
  /**
   * Longest one user may keep a seat held, from the first hold: renewals stop there, and the user may not hold that
   * seat again for one hold TTL afterwards (so holds cannot be kept alive forever by renewing).
   */
  holdMaxLifetimeSeconds: number;
  maxSeatsPerHold: number;
  /** Most seats one user may hold at once, across all trips. */
  maxHeldSeatsPerUser: number;
  bookingHorizonDays: number;
  catalogueCacheSeconds: number;
  currency: string;
}

export const TRAINS_SETTINGS = 'trains:settings';

export const DEFAULT_TRAINS_SETTINGS: TrainsSettings = {
  holdTtlSeconds: 600,
  holdMaxLifetimeSeconds: 1800,
  maxSeatsPerHold: 10,
  maxHeldSeatsPerUser: 10,
  bookingHorizonDays: 90,
  catalogueCacheSeconds: 30,
  currency: 'BDT',
};
