import { randomUUID } from 'node:crypto';
import type { AlertStore } from './alert-store';
import { randomEmail } from './flight-graph.contract';

export interface AlertStoreHarness {
  store: AlertStore;
  cleanup?: (emails: string[]) => Promise<void>;
}

export function alertStoreContract(name: string, setup: () => Promise<AlertStoreHarness>): void {
  describe(`AlertStore contract: ${name}`, () => {
    let harness: AlertStoreHarness;
    const ada = randomEmail();
    const bob = randomEmail();
    const alert = (email: string, at: string, id = randomUUID()) => ({ id, userEmail: email, airportCode: 'QAAA', message: `m ${at}`, raisedAt: at });

    beforeAll(async () => {
      harness = await setup();
    });
    afterAll(async () => {
      await harness?.cleanup?.([ada, bob]);
    });

    it('records alerts once per id and lists a user’s newest first', async () => {
      const first = alert(ada, '2026-01-01T00:00:00.000Z');
      await harness.store.record(first);
      await harness.store.record(first);
      await harness.store.record(alert(ada, '2026-01-02T00:00:00.000Z'));
      await harness.store.record(alert(bob, '2026-01-03T00:00:00.000Z'));
      const mine = await harness.store.forUser(ada, 10);
      expect(mine.map((a) => a.raisedAt)).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
      expect(mine[1]).toEqual(first);
      expect(await harness.store.forUser(ada, 1)).toHaveLength(1);
    });

    it('forgets a user’s alerts', async () => {
      await harness.store.removeUser(ada);
      expect(await harness.store.forUser(ada, 10)).toEqual([]);
      expect(await harness.store.forUser(bob, 10)).toHaveLength(1);
    });
  });
}
