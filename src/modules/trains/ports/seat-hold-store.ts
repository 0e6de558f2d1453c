export interface HoldRequest {
  tripId: string;
  seats: readonly string[];
  owner: string;
  ttlMs: number;
  /** Most seats one owner may hold at once, across every trip. */
  cap: number;
  /**
   * Longest a seat may stay held by one owner, counted from the first hold: renewals never extend a hold past it, and
   * once it has passed the owner may not hold that seat again for `cooldownMs` (so a hold cannot be kept alive
   * forever by renewing, releasing or letting it lapse and re-holding).
   */
  maxLifetimeMs: number;
  cooldownMs: number;
  /** When true, a seat the owner already holds is a conflict too (the seed's book-seat is not re-entrant). */
  exclusive?: boolean;
  now: Date;
}

export type HoldResult =
  /** `expiresAt`: the earliest expiry among the seats (a renewal may be cut short by `maxLifetimeMs`). */
  | { ok: true; expiresAt: Date }
  | { ok: false; reason: 'conflict'; seats: string[] }
  | { ok: false; reason: 'cap'; held: number }
  /** The owner held these seats for `maxLifetimeMs` already; `retryAfterMs` until the cooldown ends. */
  | { ok: false; reason: 'lifetime'; seats: string[]; retryAfterMs: number };

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
