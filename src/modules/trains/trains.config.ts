import type { AppConfig, ConfigSlice } from '@libs/platform';
import type { TrainsSettings } from './application/trains-settings';

/** trains' config slice (read only when trains is booted). Every key is in .env.example. */
export const TRAINS_CONFIG: ConfigSlice = {
  owner: 'trains',
  keys: [
    { name: 'TRAINS_HOLD_TTL_SECONDS', kind: 'int', min: 1, max: 3600, default: '600', description: 'How long a seat hold lasts before it expires on its own' },
    {
      name: 'TRAINS_HOLD_MAX_LIFETIME_SECONDS',
      kind: 'int',
      min: 60,
      max: 86_400,
      default: '1800',
      description: 'Longest one user may keep a seat held, counted from the first hold (renewals stop there; that user may then not hold the seat again for one hold TTL)',
    },
    { name: 'TRAINS_MAX_SEATS_PER_REQUEST', kind: 'int', min: 1, max: 50, default: '10', description: 'Most seats one hold or purchase request may name' },
    { name: 'TRAINS_MAX_HELD_SEATS_PER_USER', kind: 'int', min: 1, max: 10_000, default: '10', description: 'Most seats one user may hold at once, across all trips' },
    { name: 'TRAINS_BOOKING_HORIZON_DAYS', kind: 'int', min: 1, max: 36_500, default: '90', description: 'How many days ahead trips can be searched, held and bought' },
    { name: 'TRAINS_CATALOGUE_CACHE_SECONDS', kind: 'int', min: 0, max: 3600, default: '30', description: 'How long the in-process copy of the catalogue (stations, trains, schedules) is reused' },
    { name: 'TRAINS_CURRENCY', kind: 'string', default: 'BDT', description: 'Currency of fares (ISO 4217)' },
    { name: 'TRAINS_PAYMENT_LATENCY_MS', kind: 'int', min: 0, max: 10_000, default: '0', description: 'Simulated payment gateway: delay added to every charge' },
  ],
};

export function readTrainsSettings(config: AppConfig): TrainsSettings & { paymentLatencyMs: number } {
  return {
    holdTtlSeconds: config.int('TRAINS_HOLD_TTL_SECONDS'),
    holdMaxLifetimeSeconds: config.int('TRAINS_HOLD_MAX_LIFETIME_SECONDS'),
    maxSeatsPerHold: config.int('TRAINS_MAX_SEATS_PER_REQUEST'),
    maxHeldSeatsPerUser: config.int('TRAINS_MAX_HELD_SEATS_PER_USER'),
    bookingHorizonDays: config.int('TRAINS_BOOKING_HORIZON_DAYS'),
    catalogueCacheSeconds: config.int('TRAINS_CATALOGUE_CACHE_SECONDS'),
    currency: config.string('TRAINS_CURRENCY'),
    paymentLatencyMs: config.int('TRAINS_PAYMENT_LATENCY_MS'),
  };
}
