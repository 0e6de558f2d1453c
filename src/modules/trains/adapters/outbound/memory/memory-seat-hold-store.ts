import type { Clock } from '@libs/kernel';
import { HeldSeat, HoldRequest, HoldResult, ReleaseResult, SeatHoldStore } from '../../../ports';

/**
 * Holds in Maps with expiry times read from the clock (a ManualClock makes expiry testable). Same rules, in the same
 * order, as hold-seats.lua: conflicts, then the lifetime cap, then the per-owner cap across trips. Every call runs to
 * completion without awaiting, so each hold is atomic like the script.
 */
export class MemorySeatHoldStore extends SeatHoldStore {
  private readonly held = new Map<string, HeldSeat>(); // `${trip}|${seat}`
  private readonly byOwner = new Map<string, Set<string>>(); // owner -> `${trip}|${seat}` it holds (maybe expired)
  private readonly since = new Map<string, number>(); // `${owner}|${trip}|${seat}` -> first hold (ms)

  constructor(private readonly clock: Clock) {
    super();
  }

  async hold(request: HoldRequest): Promise<HoldResult> {
    const now = this.clock.now().getTime();
    const keys = request.seats.map((s) => `${request.tripId}|${s}`);
    const current = keys.map((k) => this.live(k, now));
    const conflicts = request.seats.filter((_, i) => current[i] !== undefined && (current[i]!.owner !== request.owner || request.exclusive === true));
    if (conflicts.length > 0) return { ok: false, reason: 'conflict', seats: conflicts };

    const starts = keys.map((k) => this.firstHeld(request.owner, k, now, request.maxLifetimeMs + request.cooldownMs));
    const spent = request.seats.map((_, i) => i).filter((i) => starts[i] !== undefined && now >= starts[i]! + request.maxLifetimeMs);
    if (spent.length > 0) {
      const retryAfterMs = Math.max(...spent.map((i) => starts[i]! + request.maxLifetimeMs + request.cooldownMs - now));
      return { ok: false, reason: 'lifetime', seats: spent.map((i) => request.seats[i]), retryAfterMs };
    }

    const mine = this.ownedBy(request.owner, now);
    const added = current.filter((h) => h === undefined).length;
    if (mine.size + added > request.cap) return { ok: false, reason: 'cap', held: mine.size };

    let earliest = Infinity;
    keys.forEach((key, i) => {
      const start = starts[i] ?? now;
      if (starts[i] === undefined) this.since.set(`${request.owner}|${key}`, now);
      const expiresAt = Math.min(now + request.ttlMs, start + request.maxLifetimeMs);
      earliest = Math.min(earliest, expiresAt);
      this.held.set(key, { owner: request.owner, expiresAt: new Date(expiresAt) });
      mine.add(key);
    });
    if (this.since.size > 10_000) this.sweep(now, request.maxLifetimeMs + request.cooldownMs);
    return { ok: true, expiresAt: new Date(earliest) };
  }

  async release(tripId: string, seat: string, owner: string): Promise<ReleaseResult> {
    const key = `${tripId}|${seat}`;
    const h = this.live(key, this.clock.now().getTime());
    if (!h) return 'not_held';
    if (h.owner !== owner) return 'not_owner';
    this.held.delete(key);
    this.byOwner.get(owner)?.delete(key);
    // `since` stays: releasing and re-holding must not restart the lifetime.
    return 'released';
  }

  async holds(tripId: string, seats: readonly string[]): Promise<Map<string, HeldSeat>> {
    const now = this.clock.now().getTime();
    const result = new Map<string, HeldSeat>();
    for (const s of seats) {
      const h = this.live(`${tripId}|${s}`, now);
      if (h) result.set(s, h);
    }
    return result;
  }

  private live(key: string, now: number): HeldSeat | undefined {
    const h = this.held.get(key);
    if (h && h.expiresAt.getTime() <= now) {
      this.held.delete(key);
      this.byOwner.get(h.owner)?.delete(key);
      return undefined;
    }
    return h;
  }

  /** The owner's live holds (expired ones pruned); the Set is the index itself, so adding to it records a hold. */
  private ownedBy(owner: string, now: number): Set<string> {
    let keys = this.byOwner.get(owner);
    if (!keys) this.byOwner.set(owner, (keys = new Set()));
    for (const key of [...keys]) if (this.live(key, now)?.owner !== owner) keys.delete(key);
    return keys;
  }

  private firstHeld(owner: string, key: string, now: number, forgetAfterMs: number): number | undefined {
    const start = this.since.get(`${owner}|${key}`);
    if (start === undefined || now - start < forgetAfterMs) return start;
    this.since.delete(`${owner}|${key}`);
    return undefined;
  }

  private sweep(now: number, forgetAfterMs: number): void {
    for (const [key, start] of this.since) if (now - start >= forgetAfterMs) this.since.delete(key);
    for (const [owner, keys] of this.byOwner) if (keys.size === 0) this.byOwner.delete(owner);
  }
}
