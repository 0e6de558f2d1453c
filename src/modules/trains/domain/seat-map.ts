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

/**
 * Validates a seat request: 1..max distinct seats, every one on this train. Seats are trimmed and upper-cased
 * (`b-12` is `B-12`); an integer (or numeric string) is the original's seat_number, the n-th seat of the train.
 */
export function checkSeats(train: Train, requested: ReadonlyArray<string | number>, max: number): string[] {
  if (requested.length === 0) throw TrainsErrors.noSeats();
  if (requested.length > max) throw TrainsErrors.tooManySeats(max);
  const map = seatMap(train);
  const seats = requested.map((raw) => {
    const text = String(raw).trim().toUpperCase();
    if (/^\d{1,6}$/.test(text)) return map.list[Number(text) - 1]?.seat ?? `#${text}`;
    return text.slice(0, 40);
  });
  const unknown = seats.filter((s) => !map.byId.has(s));
  if (unknown.length > 0) throw TrainsErrors.unknownSeats(unknown);
  if (new Set(seats).size !== seats.length) throw TrainsErrors.duplicateSeats();
  return seats;
}
