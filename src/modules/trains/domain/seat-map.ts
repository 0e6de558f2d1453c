import type { Coach, SeatClass, Train } from './catalogue';
import { TrainsErrors } from './errors';

export interface SeatPosition {
  seat: string;
  coach: string;
  seatClass: SeatClass;
  row: number;
  column: number;
  /** 1-based position of the seat in the whole train (the original's integer seat_number). */
  ordinal: number;
}

/** Seat ids are `<coach>-<number>` (`B-12`), numbered row by row inside a coach. */
export function seatId(coach: string, number: number): string {
  return `${coach}-${number}`;
}

export function seatsOfCoach(coach: Coach): Array<{ seat: string; row: number; column: number }> {
  const seats = [];
  for (let r = 1; r <= coach.rows; r++) {
    for (let c = 1; c <= coach.seatsPerRow; c++) seats.push({ seat: seatId(coach.code, (r - 1) * coach.seatsPerRow + c), row: r, column: c });
  }
  return seats;
}

/** Every seat of a train, in order; cached per train object. */
const cache = new WeakMap<Train, { list: SeatPosition[]; byId: Map<string, SeatPosition> }>();

export function seatMap(train: Train): { list: readonly SeatPosition[]; byId: ReadonlyMap<string, SeatPosition> } {
  let entry = cache.get(train);
  if (!entry) {
    const list: SeatPosition[] = [];
    for (const coach of train.coaches) {
      for (const s of seatsOfCoach(coach)) list.push({ ...s, coach: coach.code, seatClass: coach.seatClass, ordinal: list.length + 1 });
    }
    entry = { list, byId: new Map(list.map((s) => [s.seat, s])) };
    cache.set(train, entry);
  }
  return entry;
}

/** Seed 002's seat names: the coach letter(s) followed by the seat's number in that coach, no dash (`A10`). */
const ORIGINAL_NAME = /^([A-Z]{1,2})(\d{1,4})$/;

/**
 * One requested seat as a seat id: trimmed and upper-cased (`b-12` is `B-12`); the original frontend's and load
 * script's names `<coach><n>` (`A10`) are `<coach>-<n>` (`A-10`); an integer (or numeric string) is the original's
 * integer seat_number, the n-th seat of the train. Unknown seats come back as they are (checkSeats rejects them).
 */
export function seatIdOf(train: Train, raw: string | number): string {
  const text = String(raw).trim().toUpperCase();
  if (/^\d{1,6}$/.test(text)) return seatMap(train).list[Number(text) - 1]?.seat ?? `#${text}`;
  const original = ORIGINAL_NAME.exec(text);
  if (original) return seatId(original[1], Number(original[2]));
  return text.slice(0, 40);
}

/** A seat id in seed 002's naming: `A-10` → `A10` (what its frontend compares booked seats with). */
export function originalSeatName(seat: string): string {
  return seat.replace('-', '');
}

/**
 * Validates a seat request: 1..max distinct seats, every one on this train, each read by seatIdOf (`B-12`, `b-12`,
 * `B12` and the seat's 1-based ordinal all name the same seat).
 */
export function checkSeats(train: Train, requested: ReadonlyArray<string | number>, max: number): string[] {
  if (requested.length === 0) throw TrainsErrors.noSeats();
  if (requested.length > max) throw TrainsErrors.tooManySeats(max);
  const map = seatMap(train);
  const seats = requested.map((raw) => seatIdOf(train, raw));
  const unknown = seats.filter((s) => !map.byId.has(s));
  if (unknown.length > 0) throw TrainsErrors.unknownSeats(unknown);
  if (new Set(seats).size !== seats.length) throw TrainsErrors.duplicateSeats();
  return seats;
}
