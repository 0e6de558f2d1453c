import { randomUUID } from 'node:crypto';
import type { RateLimitStore } from './rate-limit-store';

export interface RateLimitStoreHarness {
  store: RateLimitStore;
  advance(ms: number): Promise<void>;
  close?(): Promise<void>;
}

export function rateLimitStoreContract(name: string, makeHarness: () => Promise<RateLimitStoreHarness>, windowMs = 400): void {
  describe(`RateLimitStore contract: ${name}`, () => {
    let h: RateLimitStoreHarness;
    const key = (): string => `test:${randomUUID()}`;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h.close?.();
    });

    it('starts at zero and counts hits within the window', async () => {
      const k = key();
      expect(await h.store.peek(k)).toEqual({ count: 0, resetInMs: 0 });
      expect((await h.store.hit(k, 60_000)).count).toBe(1);
      const second = await h.store.hit(k, 60_000);
      expect(second.count).toBe(2);
      expect(second.resetInMs).toBeGreaterThan(55_000);
      expect(second.resetInMs).toBeLessThanOrEqual(60_000);
      expect((await h.store.peek(k)).count).toBe(2);
    });

    it('counts concurrent hits exactly', async () => {
      const k = key();
      await Promise.all(Array.from({ length: 40 }, () => h.store.hit(k, 60_000)));
      expect((await h.store.peek(k)).count).toBe(40);
    });

    it('marks a key for a given time, replacing its count and window', async () => {
      const k = key();
      await h.store.hit(k, 60_000);
      await h.store.hit(k, 60_000);
      await h.store.mark(k, 30_000);
      const marked = await h.store.peek(k);
      expect(marked.count).toBe(1);
      expect(marked.resetInMs).toBeGreaterThan(25_000);
      expect(marked.resetInMs).toBeLessThanOrEqual(30_000);
      const brief = key();
      await h.store.mark(brief, windowMs);
      expect((await h.store.peek(brief)).count).toBe(1);
      await h.advance(windowMs + 150);
      expect(await h.store.peek(brief)).toEqual({ count: 0, resetInMs: 0 });
    });

    it('forgets the count when the window ends, or on reset', async () => {
      const a = key();
      await h.store.hit(a, windowMs);
      await h.advance(windowMs + 150);
      expect((await h.store.peek(a)).count).toBe(0);
      const b = key();
      await h.store.hit(b, 60_000);
      await h.store.reset(b);
      expect((await h.store.peek(b)).count).toBe(0);
    });
  });
}
