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
    let run = '';
    const trip = (): string => `c${randomUUID().slice(0, 8)}_2030-01-01`;
    // Owners are unique per test: the per-owner cap spans trips, so one test's holds must not count in the next.
    const who = (name: string): string => `${name}-${run}`;
    type Extra = { ttlMs?: number; cap?: number; exclusive?: boolean; maxLifetimeMs?: number; cooldownMs?: number };
    const hold = (tripId: string, seats: string[], owner: string, extra: Extra = {}) =>
      f.store.hold({
        tripId,
        seats,
        owner: who(owner),
        ttlMs: extra.ttlMs ?? 60_000,
        cap: extra.cap ?? 10,
        exclusive: extra.exclusive,
        maxLifetimeMs: extra.maxLifetimeMs ?? 1_800_000,
        cooldownMs: extra.cooldownMs ?? 600_000,
        now: new Date(),
      });
    const release = (tripId: string, seat: string, owner: string) => f.store.release(tripId, seat, who(owner));

    beforeEach(() => {
      run = randomUUID().slice(0, 8);
    });
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
      expect(holds.get('A-1')?.owner).toBe(who('alice'));
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

    it('caps the seats one owner holds at once across trips', async () => {
      const [t1, t2] = [trip(), trip()];
      expect((await hold(t1, ['A-1', 'A-2'], 'alice', { cap: 3 })).ok).toBe(true);
      expect(await hold(t2, ['B-1', 'B-2'], 'alice', { cap: 3 })).toEqual({ ok: false, reason: 'cap', held: 2 });
      expect((await f.store.holds(t2, ['B-1', 'B-2'])).size).toBe(0); // all or nothing
      expect((await hold(t2, ['B-1'], 'alice', { cap: 3 })).ok).toBe(true);
      expect((await hold(t1, ['A-1', 'A-2'], 'alice', { cap: 3 })).ok).toBe(true); // renewals are already counted
      expect((await hold(t2, ['B-9'], 'bob', { cap: 3 })).ok).toBe(true); // per owner
      expect(await release(t1, 'A-1', 'alice')).toBe('released'); // a release frees its place under the cap
      expect((await hold(t2, ['B-2'], 'alice', { cap: 3 })).ok).toBe(true);
    });

    it('never lets concurrent holds of one owner on many trips exceed the cap', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => hold(trip(), ['A-1', 'A-2'], 'alice', { cap: 5 })));
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      expect(results.filter((r) => !r.ok && r.reason === 'cap')).toHaveLength(18);
    });

    // Time steps of at least 500 ms and a long cooldown: the assertions below need only lower bounds on elapsed time
    // (except the renewal, which has 1.5 steps of slack), so a loaded machine cannot make them flaky.
    const step = (): number => Math.max(f.shortTtlMs, 500);

    it('never renews a hold past its lifetime, then refuses the owner that seat during the cooldown', async () => {
      const u = step();
      const rules = { ttlMs: 2 * u, maxLifetimeMs: 3 * u, cooldownMs: 20 * u };
      const t = trip();
      const first = await hold(t, ['A-1'], 'alice', rules);
      if (!first.ok) throw new Error('first hold failed');
      await f.elapse(1.5 * u);
      const renewed = await hold(t, ['A-1', 'A-2'], 'alice', rules);
      if (!renewed.ok) throw new Error(`renewal failed: ${JSON.stringify(renewed)}`);
      // first hold + lifetime (3u) = first expiry (first hold + 2u) + u: the renewal is cut short, not a full TTL
      expect(renewed.expiresAt.getTime() - first.expiresAt.getTime()).toBe(u);
      await f.elapse(1.5 * u + 150);
      expect((await f.store.holds(t, ['A-1'])).size).toBe(0);
      const again = await hold(t, ['A-1'], 'alice', rules);
      expect(again).toMatchObject({ ok: false, reason: 'lifetime', seats: ['A-1'] });
      const wait = (again as { retryAfterMs: number }).retryAfterMs;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(20 * u);
      expect((await hold(t, ['A-1'], 'bob', rules)).ok).toBe(true); // everyone else may take it
    });

    it('does not restart the lifetime when the owner releases and holds again', async () => {
      const u = step();
      const rules = { ttlMs: 2 * u, maxLifetimeMs: 3 * u, cooldownMs: 20 * u };
      const t = trip();
      expect((await hold(t, ['A-1'], 'alice', rules)).ok).toBe(true);
      expect(await release(t, 'A-1', 'alice')).toBe('released');
      await f.elapse(3 * u + 150);
      expect(await hold(t, ['A-1'], 'alice', rules)).toMatchObject({ ok: false, reason: 'lifetime', seats: ['A-1'] });
    });

    it('lets the owner hold the seat afresh once the cooldown is over', async () => {
      const u = step();
      const rules = { ttlMs: u, maxLifetimeMs: u, cooldownMs: u };
      const t = trip();
      expect((await hold(t, ['A-1'], 'alice', rules)).ok).toBe(true);
      await f.elapse(2 * u + 150);
      expect((await hold(t, ['A-1'], 'alice', rules)).ok).toBe(true);
    });

    it('releases for the owner only', async () => {
      const t = trip();
      await hold(t, ['A-1'], 'alice');
      expect(await release(t, 'A-1', 'bob')).toBe('not_owner');
      expect(await release(t, 'A-1', 'alice')).toBe('released');
      expect(await release(t, 'A-1', 'alice')).toBe('not_held');
      expect((await hold(t, ['A-1'], 'bob')).ok).toBe(true);
    });

    it('lets holds expire on their own (and frees the owner cap)', async () => {
      const t = trip();
      await hold(t, ['A-1', 'A-2'], 'alice', { ttlMs: f.shortTtlMs, cap: 2 });
      await f.elapse(f.shortTtlMs + 150);
      expect((await f.store.holds(t, ['A-1', 'A-2'])).size).toBe(0);
      expect(await release(t, 'A-1', 'alice')).toBe('not_held');
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
