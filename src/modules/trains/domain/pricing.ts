import type { SeatClass, Station } from './catalogue';

/**
 * Fares. The original's rule is the base fare: |distance_index(from) − distance_index(to)| × 100 per seat
 * (Dhaka→Khulna = 1000). Junction multiplies it by the seat's class and adds a demand surcharge as the trip fills.
 * The price on the seat map is the price charged at that moment.
 */
export const FARE_PER_DISTANCE_UNIT = 100;
export const CLASS_MULTIPLIER: Readonly<Record<SeatClass, number>> = { shovan: 1, snigdha: 1.5, AC: 2 };
/** Surcharge by the share of the trip's seats already sold: ≥ 50 % → +10 %, ≥ 80 % → +25 %. */
export const DEMAND_TIERS: ReadonlyArray<{ soldShare: number; surcharge: number }> = [
  { soldShare: 0.8, surcharge: 0.25 },
  { soldShare: 0.5, surcharge: 0.1 },
];

export function baseFare(from: Station, to: Station): number {
  return Math.abs(from.distanceIndex - to.distanceIndex) * FARE_PER_DISTANCE_UNIT;
}

export function demandSurcharge(sold: number, capacity: number): number {
  if (capacity <= 0) return 0;
  const share = sold / capacity;
  return DEMAND_TIERS.find((t) => share >= t.soldShare)?.surcharge ?? 0;
}

/** Whole currency units (taka), rounded half up. */
export function seatPrice(base: number, seatClass: SeatClass, sold: number, capacity: number): number {
  return Math.round(base * CLASS_MULTIPLIER[seatClass] * (1 + demandSurcharge(sold, capacity)));
}
