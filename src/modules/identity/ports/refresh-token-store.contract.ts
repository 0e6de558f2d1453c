import { randomUUID } from 'node:crypto';
import type { RefreshTokenStore } from './refresh-token-store';

export interface RefreshTokenStoreHarness {
  store: RefreshTokenStore;
  advance(ms: number): Promise<void>;
  close?(): Promise<void>;
}

export function refreshTokenStoreContract(name: string, makeHarness: () => Promise<RefreshTokenStoreHarness>, ttlMs = 400): void {
  describe(`RefreshTokenStore contract: ${name}`, () => {
    let h: RefreshTokenStoreHarness;
    const HOUR = 3_600_000;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h.close?.();
    });

    it('rotates the current token, and each new token in turn', async () => {
      const family = randomUUID();
      const user = randomUUID();
      await h.store.createFamily(family, user, 'h1', HOUR);
      expect(await h.store.rotate(family, 'h1', 'h2', HOUR)).toEqual({ kind: 'rotated', userId: user });
      expect(await h.store.rotate(family, 'h2', 'h3', HOUR)).toEqual({ kind: 'rotated', userId: user });
    });

    it('treats reuse of a rotated-away token as theft: the whole family is revoked', async () => {
      const family = randomUUID();
      const user = randomUUID();
      await h.store.createFamily(family, user, 'h1', HOUR);
      await h.store.rotate(family, 'h1', 'h2', HOUR);
      expect(await h.store.rotate(family, 'h1', 'hx', HOUR)).toEqual({ kind: 'reused', userId: user });
      expect(await h.store.rotate(family, 'h2', 'h3', HOUR)).toEqual({ kind: 'invalid' });
    });

    it('lets only one of two concurrent rotations of the same token succeed', async () => {
      const family = randomUUID();
      await h.store.createFamily(family, randomUUID(), 'h1', HOUR);
      const results = await Promise.all([h.store.rotate(family, 'h1', 'a', HOUR), h.store.rotate(family, 'h1', 'b', HOUR)]);
      expect(results.filter((r) => r.kind === 'rotated')).toHaveLength(1);
    });

    it('answers invalid for unknown families and for tokens the family never issued (without revoking it)', async () => {
      expect(await h.store.rotate(randomUUID(), 'h1', 'h2', HOUR)).toEqual({ kind: 'invalid' });
      const family = randomUUID();
      await h.store.createFamily(family, randomUUID(), 'h1', HOUR);
      expect(await h.store.rotate(family, 'forged', 'h2', HOUR)).toEqual({ kind: 'invalid' });
      expect((await h.store.rotate(family, 'h1', 'h2', HOUR)).kind).toBe('rotated');
    });

    it('revokes a family on logout only with one of its tokens', async () => {
      const family = randomUUID();
      await h.store.createFamily(family, randomUUID(), 'h1', HOUR);
      expect(await h.store.revoke(family, 'forged')).toBe(false);
      expect(await h.store.revoke(family, 'h1')).toBe(true);
      expect(await h.store.rotate(family, 'h1', 'h2', HOUR)).toEqual({ kind: 'invalid' });
    });

    it('revokes every family of a user', async () => {
      const user = randomUUID();
      const [f1, f2, other] = [randomUUID(), randomUUID(), randomUUID()];
      await h.store.createFamily(f1, user, 'a1', HOUR);
      await h.store.createFamily(f2, user, 'b1', HOUR);
      await h.store.createFamily(other, randomUUID(), 'c1', HOUR);
      await h.store.revokeAllForUser(user);
      expect(await h.store.rotate(f1, 'a1', 'a2', HOUR)).toEqual({ kind: 'invalid' });
      expect(await h.store.rotate(f2, 'b1', 'b2', HOUR)).toEqual({ kind: 'invalid' });
      expect((await h.store.rotate(other, 'c1', 'c2', HOUR)).kind).toBe('rotated');
    });

    it('expires an idle family after its time to live', async () => {
      const family = randomUUID();
      await h.store.createFamily(family, randomUUID(), 'h1', ttlMs);
      await h.advance(ttlMs + 150);
      expect(await h.store.rotate(family, 'h1', 'h2', ttlMs)).toEqual({ kind: 'invalid' });
    });
  });
}
