// The behaviour every SeatHoldStore adapter must have (memory: *.spec.ts, Redis: *.int-spec.ts). Jest globals; never
// imported by production code.
import { randomUUID } from 'node:crypto';
import type { SeatHoldStore } from './seat-hold-store';

export interface SeatHoldFixture {
  store: SeatHoldStore;
  /** Lets `ms` pass for the store (a ManualClock advance, or a real sleep). */
  elapse(ms: number): Promise<void>;
  /** A TTL short enough for `elapse` to outlast it. */
  shortTtlMs: number;
}

export function seatHoldStoreContract(name: string, fixture: () => Promise<SeatHoldFixture>, cleanup: () => Promise<void> = async () => undefined): void {
  describe(`SeatHoldStore contract: ${name}`, () => {
    let f: SeatHoldFixture;
    const trip = (): string => `c${randomUUID().slice(0, 8)}_2030-01-01`;
    const hold = (tripId: string, seats: string[], owner: string, extra: { ttlMs?: number; cap?: number; exclusive?: boolean } = {}) =>
      f.store.hold({ tripId, seats, owner, ttlMs: extra.ttlMs ?? 60_000, cap: extra.cap ?? 10, exclusive: extra.exclusive, now: new Date() });

    beforeAll(async () => {
      f = await fixture();
    });
    afterAll(cleanup);

    it('holds several seats at once and reports them with owner and expiry', async () => {
      const t = trip();
      const result = await hold(t, ['A-1', 'A-2'], 'alice');
      expect(result.ok).toBe(true);
      const holds = await f.store.holds(t, ['A-1', 'A-2', 'A-3']);
      expect([...holds.keys()].sort()).toEqual(['A-1', 'A-2']);
      expect(holds.get('A-1')?.owner).toBe('alice');
      expect(holds.get('A-1')!.expiresAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    it('is all or nothing: one seat held by someone else fails the whole hold and lists it', async () => {
      const t = trip();
      await hold(t, ['A-1'], 'alice');
      expect(await hold(t, ['A-2', 'A-1', 'A-3'], 'bob')).toEqual({ ok: false, reason: 'conflict', seats: ['A-1'] });
      expect((await f.store.holds(t, ['A-2', 'A-3'])).size).toBe(0);
    });

    it('lets the owner re-hold (refresh) unless exclusive', async () => {
      const t = trip();
      await hold(t, ['A-1'], 'alice');
      expect((await hold(t, ['A-1', 'A-2'], 'alice')).ok).toBe(true);
      expect(await hold(t, ['A-1'], 'alice', { exclusive: true })).toEqual({ ok: false, reason: 'conflict', seats: ['A-1'] });
    });

    it('caps the seats one owner holds on a trip', async () => {
      const t = trip();
      expect((await hold(t, ['A-1', 'A-2'], 'alice', { cap: 3 })).ok).toBe(true);
      expect(await hold(t, ['A-3', 'A-4'], 'alice', { cap: 3 })).toEqual({ ok: false, reason: 'cap', held: 2 });
      expect((await hold(t, ['A-1', 'A-3'], 'alice', { cap: 3 })).ok).toBe(true); // A-1 is already counted
      expect((await hold(t, ['A-9'], 'bob', { cap: 3 })).ok).toBe(true); // per owner
    });

    it('releases for the owner only', async () => {
      const t = trip();
      await hold(t, ['A-1'], 'alice');
      expect(await f.store.release(t, 'A-1', 'bob')).toBe('not_owner');
      expect(await f.store.release(t, 'A-1', 'alice')).toBe('released');
      expect(await f.store.release(t, 'A-1', 'alice')).toBe('not_held');
      expect((await hold(t, ['A-1'], 'bob')).ok).toBe(true);
    });

    it('lets holds expire on their own (and frees the owner cap)', async () => {
      const t = trip();
      await hold(t, ['A-1', 'A-2'], 'alice', { ttlMs: f.shortTtlMs, cap: 2 });
      await f.elapse(f.shortTtlMs + 150);
      expect((await f.store.holds(t, ['A-1', 'A-2'])).size).toBe(0);
      expect(await f.store.release(t, 'A-1', 'alice')).toBe('not_held');
      expect((await hold(t, ['A-1'], 'bob')).ok).toBe(true);
      expect((await hold(t, ['A-3', 'A-4'], 'alice', { cap: 2 })).ok).toBe(true);
    });

    it('gives each contended seat to exactly one of many concurrent owners', async () => {
      const t = trip();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => hold(t, [`A-${i % 5}`], `u${i}`)));
      expect(results.filter((r) => r.ok)).toHaveLength(5);
    });
  });
}
