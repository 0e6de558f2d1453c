import type { Clock } from '@libs/kernel';
import { HeldSeat, HoldRequest, HoldResult, ReleaseResult, SeatHoldStore } from '../../../ports';

/** Holds in a Map with expiry times read from the clock (a ManualClock makes expiry testable). */
export class MemorySeatHoldStore extends SeatHoldStore {
  private readonly held = new Map<string, HeldSeat>(); // `${trip}|${seat}`

  constructor(private readonly clock: Clock) {
    super();
  }

  async hold(request: HoldRequest): Promise<HoldResult> {
    const now = this.clock.now().getTime();
    const live = (key: string): HeldSeat | undefined => {
      const h = this.held.get(key);
      if (h && h.expiresAt.getTime() <= now) {
        this.held.delete(key);
        return undefined;
      }
      return h;
    };
    const conflicts = request.seats.filter((s) => {
      const h = live(`${request.tripId}|${s}`);
      return h !== undefined && (h.owner !== request.owner || request.exclusive === true);
    });
    if (conflicts.length > 0) return { ok: false, reason: 'conflict', seats: conflicts };
    let mine = 0;
    for (const key of [...this.held.keys()]) if (key.startsWith(`${request.tripId}|`) && live(key)?.owner === request.owner) mine++;
    const added = request.seats.filter((s) => !live(`${request.tripId}|${s}`)).length;
    if (mine + added > request.cap) return { ok: false, reason: 'cap', held: mine };
    const expiresAt = new Date(now + request.ttlMs);
    for (const s of request.seats) this.held.set(`${request.tripId}|${s}`, { owner: request.owner, expiresAt });
    return { ok: true, expiresAt };
  }

  async release(tripId: string, seat: string, owner: string): Promise<ReleaseResult> {
    const key = `${tripId}|${seat}`;
    const h = this.held.get(key);
    if (!h || h.expiresAt.getTime() <= this.clock.now().getTime()) return 'not_held';
    if (h.owner !== owner) return 'not_owner';
    this.held.delete(key);
    return 'released';
  }

  async holds(tripId: string, seats: readonly string[]): Promise<Map<string, HeldSeat>> {
    const now = this.clock.now().getTime();
    const result = new Map<string, HeldSeat>();
    for (const s of seats) {
      const h = this.held.get(`${tripId}|${s}`);
      if (h && h.expiresAt.getTime() > now) result.set(s, h);
    }
    return result;
  }
}
