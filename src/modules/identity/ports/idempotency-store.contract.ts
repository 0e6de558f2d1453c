import { randomUUID } from 'node:crypto';
import type { IdempotencyStore, StoredResponse } from './idempotency-store';

export interface IdempotencyStoreHarness {
  store: IdempotencyStore;
  /** Moves time forward (memory: a manual clock; Redis: a real sleep, so keep the leases short). */
  advance(ms: number): Promise<void>;
  close?(): Promise<void>;
}

const response: StoredResponse = { status: 201, contentType: 'application/json; charset=utf-8', body: '{"user_id":"u-1","first_name":"Zoë"}' };

export function idempotencyStoreContract(name: string, makeHarness: () => Promise<IdempotencyStoreHarness>, leaseMs = 300): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let h: IdempotencyStoreHarness;
    const key = (): string => `test:${randomUUID()}`;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h.close?.();
    });

    it('lets the first claim acquire the key and reports the second as in progress with a retry delay', async () => {
      const k = key();
      const first = await h.store.claim(k, 'fp', leaseMs);
      expect(first.kind).toBe('acquired');
      const second = await h.store.claim(k, 'fp', leaseMs);
      expect(second.kind).toBe('in_progress');
      if (second.kind === 'in_progress') {
        expect(second.retryAfterMs).toBeGreaterThan(0);
        expect(second.retryAfterMs).toBeLessThanOrEqual(leaseMs);
      }
    });

    it('grants exactly one of many concurrent claims', async () => {
      const k = key();
      const claims = await Promise.all(Array.from({ length: 50 }, () => h.store.claim(k, 'fp', leaseMs)));
      expect(claims.filter((c) => c.kind === 'acquired')).toHaveLength(1);
    });

    it('replays a completed response byte for byte for the same fingerprint', async () => {
      const k = key();
      const claim = await h.store.claim(k, 'fp', leaseMs);
      if (claim.kind !== 'acquired') throw new Error('expected acquired');
      expect(await h.store.complete(k, claim.owner, 'fp', response, 60_000)).toBe(true);
      await h.advance(leaseMs + 50);
      expect(await h.store.claim(k, 'fp', leaseMs)).toEqual({ kind: 'replay', response });
    });

    it('reports a mismatch for a different fingerprint, in flight or completed', async () => {
      const k = key();
      const claim = await h.store.claim(k, 'fp-a', leaseMs);
      expect((await h.store.claim(k, 'fp-b', leaseMs)).kind).toBe('mismatch');
      if (claim.kind !== 'acquired') throw new Error('expected acquired');
      await h.store.complete(k, claim.owner, 'fp-a', response, 60_000);
      expect((await h.store.claim(k, 'fp-b', leaseMs)).kind).toBe('mismatch');
    });

    it('frees a released key for a retry', async () => {
      const k = key();
      const claim = await h.store.claim(k, 'fp', leaseMs);
      if (claim.kind !== 'acquired') throw new Error('expected acquired');
      await h.store.release(k, claim.owner);
      expect((await h.store.claim(k, 'fp-other', leaseMs)).kind).toBe('acquired');
    });

    it('frees a key whose lease ran out (a crashed request), and the stale owner can then neither complete nor release it', async () => {
      const k = key();
      const stale = await h.store.claim(k, 'fp', leaseMs);
      await h.advance(leaseMs + 100);
      const fresh = await h.store.claim(k, 'fp', leaseMs);
      expect(fresh.kind).toBe('acquired');
      if (stale.kind !== 'acquired') throw new Error('expected acquired');
      expect(await h.store.complete(k, stale.owner, 'fp', response, 60_000)).toBe(false);
      await h.store.release(k, stale.owner);
      expect((await h.store.claim(k, 'fp', leaseMs)).kind).toBe('in_progress');
    });

    it('forgets a completed response after its retention', async () => {
      const k = key();
      const claim = await h.store.claim(k, 'fp', leaseMs);
      if (claim.kind !== 'acquired') throw new Error('expected acquired');
      await h.store.complete(k, claim.owner, 'fp', response, leaseMs);
      await h.advance(leaseMs + 100);
      expect((await h.store.claim(k, 'fp', leaseMs)).kind).toBe('acquired');
    });
  });
}
