export interface TrainsSettings {
  holdTtlSeconds: number;
  maxSeatsPerHold: number;
  maxHeldSeatsPerUser: number;
  bookingHorizonDays: number;
  catalogueCacheSeconds: number;
  currency: string;
}

export const TRAINS_SETTINGS = 'trains:settings';

export const DEFAULT_TRAINS_SETTINGS: TrainsSettings = {
  holdTtlSeconds: 600,
  maxSeatsPerHold: 10,
  maxHeldSeatsPerUser: 10,
  bookingHorizonDays: 90,
  catalogueCacheSeconds: 30,
  currency: 'BDT',
};
