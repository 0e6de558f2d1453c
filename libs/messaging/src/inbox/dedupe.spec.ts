import { createEnvelope } from '../envelope/envelope';
import { Delivery } from '../bus/integration-event-bus';
import { InMemoryInboxStore } from './in-memory-inbox-store';
import { dedupe } from './dedupe';

const delivery: Delivery = { attempt: 1, maxAttempts: 5, module: 'orders' };
const event = () => createEnvelope({ type: 'identity.user-deleted.v1', key: 'u-1', payload: { userId: 'u-1' } });

describe('InMemoryInboxStore', () => {
  it('records an event once per consumer', async () => {
    const inbox = new InMemoryInboxStore();
    const e = event();
    expect(await inbox.seen('orders.a', e.id)).toBe(false);
    expect(await inbox.markProcessed('orders.a', e.id)).toBe(true);
    expect(await inbox.markProcessed('orders.a', e.id)).toBe(false);
    expect(await inbox.seen('orders.a', e.id)).toBe(true);
    expect(await inbox.seen('orders.b', e.id)).toBe(false);
  });
});

describe('dedupe', () => {
  it('processes a redelivered event id once', async () => {
    const inbox = new InMemoryInboxStore();
    const handled: string[] = [];
    const handler = dedupe(inbox, 'orders.on-user-deleted', async (e) => void handled.push(e.id));
    const e = event();
    await handler(e, delivery);
    await handler(e, { ...delivery, attempt: 2 });
    await handler(event(), delivery);
    expect(handled).toHaveLength(2);
    expect(handled[0]).toBe(e.id);
  });

  it('does not record a failed attempt, so the redelivery runs the handler again', async () => {
    const inbox = new InMemoryInboxStore();
    let calls = 0;
    const handler = dedupe(inbox, 'orders.on-user-deleted', async () => {
      if (++calls === 1) throw new Error('transient');
    });
    const e = event();
    await expect(handler(e, delivery)).rejects.toThrow('transient');
    await handler(e, { ...delivery, attempt: 2 });
    await handler(e, { ...delivery, attempt: 3 });
    expect(calls).toBe(2);
  });

  it('keeps consumers apart: two handlers of one module each see the event', async () => {
    const inbox = new InMemoryInboxStore();
    const seen: string[] = [];
    const e = event();
    await dedupe(inbox, 'orders.a', async () => void seen.push('a'))(e, delivery);
    await dedupe(inbox, 'orders.b', async () => void seen.push('b'))(e, delivery);
    expect(seen).toEqual(['a', 'b']);
  });
});
