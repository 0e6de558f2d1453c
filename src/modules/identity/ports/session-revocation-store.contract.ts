import { randomUUID } from 'node:crypto';
import type { SessionRevocationStore } from './session-revocation-store';

export interface SessionRevocationStoreHarness {
  store: SessionRevocationStore;
  advance(ms: number): Promise<void>;
  close?(): Promise<void>;
}

export function sessionRevocationStoreContract(name: string, makeHarness: () => Promise<SessionRevocationStoreHarness>, ttlMs = 400): void {
  describe(`SessionRevocationStore contract: ${name}`, () => {
    let h: SessionRevocationStoreHarness;
    const id = (): string => `sid:${randomUUID()}`;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => {
      await h.close?.();
    });

    it('knows nothing revoked at first, then exactly the ids it was told', async () => {
      const [a, b, c] = [id(), id(), id()];
      expect(await h.store.revokedAmong([a, b, c])).toEqual([]);
      await h.store.revoke([a, c], 60_000);
      expect((await h.store.revokedAmong([a, b, c])).sort()).toEqual([a, c].sort());
      expect(await h.store.revokedAmong([b])).toEqual([]);
      expect(await h.store.revokedAmong([])).toEqual([]);
    });

    it('forgets a revocation once its lifetime ends, and never shortens one', async () => {
      const [short, long] = [id(), id()];
      await h.store.revoke([short], ttlMs);
      await h.store.revoke([long], 60_000);
      await h.store.revoke([long], ttlMs);
      await h.advance(ttlMs + 200);
      expect(await h.store.revokedAmong([short, long])).toEqual([long]);
    });

    it('sees revocations made concurrently', async () => {
      const ids = Array.from({ length: 20 }, id);
      await Promise.all(ids.map((x) => h.store.revoke([x], 60_000)));
      expect((await h.store.revokedAmong(ids)).sort()).toEqual([...ids].sort());
    });
  });
}
