/** Catalogue entities: plain data, loaded from the catalogue port. */
export interface Station {
  code: string;
  name: string;
  /** km-like position on the line; fares are proportional to the difference. */
  distanceIndex: number;
}

export type SeatClass = 'shovan' | 'snigdha' | 'AC';
export const SEAT_CLASSES: readonly SeatClass[] = ['shovan', 'snigdha', 'AC'];

export interface Coach {
  code: string;
  seatClass: SeatClass;
  rows: number;
  seatsPerRow: number;
}

export interface Train {
  id: string;
  name: string;
  coaches: readonly Coach[];
}

export interface Stop {
  stationCode: string;
  /** Minutes after departure from the origin. */
  offsetMinutes: number;
}

export interface Schedule {
  id: string;
  trainId: string;
  fromCode: string;
  toCode: string;
  /** `HH:MM`, local time of the origin. */
  departureTime: string;
  durationMinutes: number;
  /** Intermediate stops (informational: a seat is sold for the whole trip). */
  stops: readonly Stop[];
}
