export interface HoldRequest {
  tripId: string;
  seats: readonly string[];
  owner: string;
  ttlMs: number;
  /** Most seats of one trip one owner may hold at once. */
  cap: number;
  /** When true, a seat the owner already holds is a conflict too (the seed's book-seat is not re-entrant). */
  exclusive?: boolean;
  now: Date;
}

export type HoldResult =
  | { ok: true; expiresAt: Date }
  | { ok: false; reason: 'conflict'; seats: string[] }
  | { ok: false; reason: 'cap'; held: number };

export type ReleaseResult = 'released' | 'not_held' | 'not_owner';

export interface HeldSeat {
  owner: string;
  expiresAt: Date;
}

/**
 * Seat holds with a TTL: all-or-nothing multi-seat holds, release by the owner only, expiry on their own. Advisory:
 * losing every hold (a flushed Redis) never double-books, because tickets are guarded by the ticket store.
 */
export abstract class SeatHoldStore {
  abstract hold(request: HoldRequest): Promise<HoldResult>;
  abstract release(tripId: string, seat: string, owner: string): Promise<ReleaseResult>;
  /** Current holds among `seats` of the trip (expired ones are absent). */
  abstract holds(tripId: string, seats: readonly string[]): Promise<Map<string, HeldSeat>>;
}
