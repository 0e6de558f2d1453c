import { randomUUID } from 'node:crypto';
import { newOrder } from '../domain/order';
import type { Order } from '../domain/order';
import type { OrderStore, SagaMessage } from './order-store';

/** The behaviour every OrderStore adapter must have (run by the memory spec and the PostgreSQL int-spec). */
export function orderStoreContract(name: string, setup: () => Promise<{ store: OrderStore; teardown?: () => Promise<void> }>): void {
  describe(`OrderStore contract: ${name}`, () => {
    let store: OrderStore;
    let teardown: (() => Promise<void>) | undefined;
    beforeAll(async () => ({ store, teardown } = await setup()));
    afterAll(async () => teardown?.());

    const order = (userId = `u-${randomUUID()}`, valueCents = 1000): Order =>
      newOrder({ id: randomUUID(), userId, valueCents, installment: 1, method: 'cash', now: new Date(Math.floor(Date.now() / 1000) * 1000) });
    const message = (key: string): SagaMessage => {
      const id = randomUUID();
      return { id, topic: 'topic-orchestrator', key, headers: { event: 'start_event', event_id: id }, value: '{}' };
    };
    const drain = async () => {
      for (;;) {
        const batch = await store.claimOutbox(1000);
        if (batch.length === 0) return;
        await store.markSent(batch.map((m) => m.id));
      }
    };

    it('seeds the payment methods', async () => {
      const methods = await store.methods();
      expect(methods).toEqual(expect.arrayContaining([{ name: 'credit_card', minInstallment: 1, maxInstallment: 12 }, { name: 'cash', minInstallment: 1, maxInstallment: 1 }]));
      expect(methods).toHaveLength(4);
    });

    it('creates, finds and pages orders with the total', async () => {
      const user = `u-${randomUUID()}`;
      const orders = [order(user, 100), order(user, 200), order(user, 300)];
      for (const o of orders) await store.create(o, []);
      expect(await store.find(orders[0].id)).toEqual(orders[0]);
      expect(await store.find(randomUUID())).toBeNull();
      const page = await store.listByUser(user, 1, 1);
      expect(page.total).toBe(3);
      expect(page.orders.map((o) => o.id)).toEqual([orders[1].id]);
      expect((await store.listByUser(`nobody-${randomUUID()}`, 0, 10)).total).toBe(0);
    });

    it('creates concurrent orders independently: a rejected one (duplicate id) fails alone', async () => {
      await drain();
      const user = `u-${randomUUID()}`;
      const existing = order(user);
      await store.create(existing, []);
      const fresh = Array.from({ length: 30 }, () => order(user));
      const results = await Promise.allSettled([
        ...fresh.map((o) => store.create(o, [message(o.id)])),
        store.create({ ...existing, valueCents: 1 }, [message(existing.id)]),
      ]);
      expect(results.slice(0, 30).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results[30].status).toBe('rejected');
      expect(await store.find(existing.id)).toEqual(existing);
      for (const o of fresh) expect(await store.find(o.id)).toEqual(o);
      expect((await store.listByUser(user, 0, 100)).total).toBe(31);
      const sent = await store.claimOutbox(1000);
      expect(sent.map((m) => m.key).sort()).toEqual(fresh.map((o) => o.id).sort());
      await store.markSent(sent.map((m) => m.id));
    });

    it('leaves messages younger than minAgeMs to their writer', async () => {
      await drain();
      const o = order();
      const m = message(o.id);
      await store.create(o, [m]);
      expect(await store.claimOutbox(10, 60_000)).toEqual([]);
      await new Promise((r) => setTimeout(r, 30));
      expect((await store.claimOutbox(10, 10)).map((x) => x.id)).toEqual([m.id]);
      await store.markSent([m.id]);
    });

    it('relays outbox messages with leases: claimed ones are skipped until released or sent', async () => {
      await drain();
      const o = order();
      const m = message(o.id);
      await store.create(o, [m]);
      const first = await store.claimOutbox(10);
      expect(first).toEqual([m]);
      expect(await store.claimOutbox(10)).toEqual([]);
      await store.release([m.id]);
      expect((await store.claimOutbox(10)).map((x) => x.id)).toEqual([m.id]);
      await store.markSent([m.id]);
      await store.release([m.id]);
      expect(await store.claimOutbox(10)).toEqual([]);
    });

    it('applies a transition atomically and once per (consumer, message)', async () => {
      await drain();
      const o = order();
      await store.create(o, []);
      const msgId = randomUUID();
      const out = message(o.id);
      const decide = (current: Order) => ({ order: { ...current, status: 'APPROVED' as const, started: true }, log: [{ event: 'start_event', message: 'm', status: 'APPROVED' as const }], outbox: [out] });
      expect(await store.transition('c', msgId, o.id, decide)).toBe('applied');
      expect(await store.transition('c', msgId, o.id, decide)).toBe('duplicate');
      expect(await store.transition('other', msgId, o.id, () => null)).toBe('unchanged');
      expect(await store.transition('c', randomUUID(), randomUUID(), decide)).toBe('missing');
      expect((await store.find(o.id))!.status).toBe('APPROVED');
      expect((await store.events(o.id)).map((e) => [e.event, e.message, e.status])).toEqual([['start_event', 'm', 'APPROVED']]);
      expect((await store.claimOutbox(10)).map((m) => m.id)).toEqual([out.id]);
      await store.markSent([out.id]);
    });

    it('rolls a failing transition back', async () => {
      const o = order();
      await store.create(o, []);
      await expect(store.transition('c', randomUUID(), o.id, () => { throw new Error('boom'); })).rejects.toThrow('boom');
      expect(await store.find(o.id)).toEqual(o);
    });

    it('serialises concurrent transitions of one order', async () => {
      const o = order();
      await store.create(o, []);
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.transition('c', randomUUID(), o.id, (current) => (current.started ? null : { order: { ...current, started: true }, log: [{ event: 'start_event', message: 'once', status: 'PROCESSING' }], outbox: [] })),
        ),
      );
      expect(results.filter((r) => r === 'applied')).toHaveLength(1);
      expect(await store.events(o.id)).toHaveLength(1);
    });

    it('keeps concurrent transitions of many orders independent: a failing one leaves its message unprocessed', async () => {
      await drain();
      const orders = Array.from({ length: 50 }, () => order());
      for (const o of orders) await store.create(o, []);
      const failing = orders[7];
      const failingMsg = randomUUID();
      const duplicateMsg = randomUUID();
      const approve = (current: Order) => ({ order: { ...current, status: 'APPROVED' as const, started: true }, log: [{ event: 'start_event', message: current.id, status: 'APPROVED' as const }], outbox: [message(current.id)] });
      const results = await Promise.all([
        ...orders.map((o) =>
          o === failing
            ? store.transition('c', failingMsg, o.id, () => { throw new Error('poison'); }).catch((e: Error) => e.message)
            : store.transition('c', o === orders[3] ? duplicateMsg : randomUUID(), o.id, approve),
        ),
        // The same message id delivered twice at once, for the same order: one of them is a duplicate.
        store.transition('c', duplicateMsg, orders[3].id, approve),
      ]);
      expect(results.filter((r) => r === 'applied')).toHaveLength(49);
      expect(results.filter((r) => r === 'duplicate')).toHaveLength(1);
      expect(results[7]).toBe('poison');
      for (const o of orders) {
        const events = await store.events(o.id);
        if (o === failing) expect(events).toEqual([]);
        else expect(events.map((e) => [e.event, e.message, e.status])).toEqual([['start_event', o.id, 'APPROVED']]);
      }
      expect(await store.find(failing.id)).toEqual(failing);
      const sent = await store.claimOutbox(1000);
      expect(new Set(sent.map((m) => m.key))).toEqual(new Set(orders.filter((o) => o !== failing).map((o) => o.id)));
      await store.markSent(sent.map((m) => m.id));
      // The failed message was not recorded as processed: it applies when delivered again.
      expect(await store.transition('c', failingMsg, failing.id, approve)).toBe('applied');
      await drain();
    });

    it("deletes a user's settled orders with their event logs, keeps the ones still PROCESSING and other users' orders", async () => {
      const user = `u-${randomUUID()}`;
      const [approved, canceled, processing] = [order(user, 100), order(user, 200), order(user, 300)];
      const other = order();
      for (const o of [approved, canceled, processing, other]) await store.create(o, []);
      const settle = (status: 'APPROVED' | 'CANCELED') => (current: Order) => ({ order: { ...current, status, started: true }, log: [{ event: 'start_event', message: 'm', status }], outbox: [] });
      await store.transition('c', randomUUID(), approved.id, settle('APPROVED'));
      await store.transition('c', randomUUID(), canceled.id, settle('CANCELED'));
      await store.transition('c', randomUUID(), other.id, settle('APPROVED'));

      expect(await store.deleteSettledByUser(user)).toEqual({ deleted: 2, processing: 1 });
      expect(await store.find(approved.id)).toBeNull();
      expect(await store.find(canceled.id)).toBeNull();
      expect(await store.events(approved.id)).toEqual([]);
      expect(await store.find(processing.id)).toEqual(processing);
      expect((await store.listByUser(user, 0, 10)).orders.map((o) => o.id)).toEqual([processing.id]);
      expect((await store.find(other.id))!.status).toBe('APPROVED');
      expect(await store.events(other.id)).toHaveLength(1);
      expect(await store.deleteSettledByUser(user)).toEqual({ deleted: 0, processing: 1 });
      expect(await store.deleteSettledByUser(`nobody-${randomUUID()}`)).toEqual({ deleted: 0, processing: 0 });
    });

    it('counts orders by status', async () => {
      const counts = await store.countByStatus();
      expect(Object.keys(counts).sort()).toEqual(['APPROVED', 'CANCELED', 'PROCESSING']);
      expect(counts.PROCESSING).toBeGreaterThan(0);
    });
  });
}
