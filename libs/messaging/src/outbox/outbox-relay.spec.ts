import { eventually } from '@libs/testing';
import { EventEnvelope, createEnvelope } from '../envelope/envelope';
import { IntegrationEventBus } from '../bus/integration-event-bus';
import { InMemoryIntegrationEventBus } from '../memory/in-memory-integration-event-bus';
import { InMemoryInboxStore } from '../inbox/in-memory-inbox-store';
import { dedupe } from '../inbox/dedupe';
import { InMemoryOutboxStore } from './in-memory-outbox-store';
import { OutboxRelay } from './outbox-relay';

/** Records publish calls; can be told to fail the next ones. */
class RecordingBus extends IntegrationEventBus {
  readonly published: EventEnvelope[][] = [];
  failures = 0;

  async publish(events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('Kafka is down');
    }
    this.published.push(Array.isArray(events) ? [...events] : [events as EventEnvelope]);
  }
  subscribe(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

const type = 'trains.seat-released.v1';
const events = (n: number, key = 'train-1') => Array.from({ length: n }, (_, i) => createEnvelope({ type, key, payload: { seat: i } }));
const ids = (list: readonly EventEnvelope[]) => list.map((e) => e.id);

describe('InMemoryOutboxStore', () => {
  it('claims oldest first, hides claimed events until released or published', async () => {
    const store = new InMemoryOutboxStore();
    const all = events(5);
    await store.append(all);
    expect(ids(await store.claimBatch(2))).toEqual(ids(all.slice(0, 2)));
    expect(ids(await store.claimBatch(10))).toEqual(ids(all.slice(2)));
    expect(await store.claimBatch(10)).toEqual([]);
    await store.release([all[1].id]);
    await store.markPublished([all[0].id]);
    expect(ids(await store.claimBatch(10))).toEqual([all[1].id]);
    expect(ids(store.pending())).toEqual(ids(all.slice(1)));
  });

  it('reclaims events whose lease ran out (a relay died mid-batch)', async () => {
    const store = new InMemoryOutboxStore(0);
    const [e] = events(1);
    await store.append([e]);
    expect(ids(await store.claimBatch(1))).toEqual([e.id]);
    await new Promise((r) => setTimeout(r, 2));
    expect(ids(await store.claimBatch(1))).toEqual([e.id]);
  });

  it('rejects invalid envelopes and duplicate ids', async () => {
    const store = new InMemoryOutboxStore();
    const [e] = events(1);
    await expect(store.append([{ ...e, key: '' }])).rejects.toMatchObject({ code: 'MESSAGING.INVALID_ENVELOPE' });
    await store.append([e]);
    await expect(store.append([e])).rejects.toMatchObject({ code: 'MESSAGING.DUPLICATE_EVENT', category: 'conflict' });
    expect(store.pending()).toHaveLength(1);
  });
});

describe('OutboxRelay', () => {
  it('publishes a claimed batch in one call, in order, then removes it', async () => {
    const store = new InMemoryOutboxStore();
    const bus = new RecordingBus();
    const all = events(3);
    await store.append(all);
    const relay = new OutboxRelay(store, bus, { batchSize: 2 });
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(1);
    expect(await relay.relayOnce()).toBe(0);
    expect(bus.published.map(ids)).toEqual([ids(all.slice(0, 2)), [all[2].id]]);
    expect(store.pending()).toEqual([]);
  });

  it('releases the batch when publishing fails, so the next cycle retries it', async () => {
    const store = new InMemoryOutboxStore();
    const bus = new RecordingBus();
    const all = events(2);
    await store.append(all);
    bus.failures = 1;
    const relay = new OutboxRelay(store, bus);
    await expect(relay.relayOnce()).rejects.toThrow('Kafka is down');
    expect(store.pending()).toHaveLength(2);
    expect(await relay.relayOnce()).toBe(2);
    expect(bus.published.map(ids)).toEqual([ids(all)]);
  });

  it('runs in the background, survives failures, wakes on demand and stops cleanly', async () => {
    const store = new InMemoryOutboxStore();
    const bus = new RecordingBus();
    bus.failures = 2;
    const relay = new OutboxRelay(store, bus, { pollIntervalMs: 60_000, errorBackoffMs: 5 });
    await store.append(events(1));
    relay.start();
    await eventually(() => expect(bus.published.flat()).toHaveLength(1));

    // The relay now naps for a minute; wake() must cut that short.
    const later = events(2, 'train-2');
    await store.append(later);
    relay.wake();
    await eventually(() => expect(bus.published.flat()).toHaveLength(3));
    const started = Date.now();
    await relay.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(store.pending()).toEqual([]);
  });

  it('is at least once: a batch published but not marked is published again, and an inbox makes that harmless', async () => {
    const store = new InMemoryOutboxStore(0);
    const markPublished = store.markPublished.bind(store);
    let failMarks = 1;
    store.markPublished = async (batch) => {
      if (failMarks-- > 0) throw new Error('database hiccup');
      await markPublished(batch);
    };
    const bus = new InMemoryIntegrationEventBus();
    const inbox = new InMemoryInboxStore();
    const deliveries: string[] = [];
    const effects: string[] = [];
    bus.subscribe({
      module: 'orders',
      eventTypes: [type],
      handler: async (e, d) => {
        deliveries.push(e.id);
        await dedupe(inbox, 'orders.on-seat-released', async () => void effects.push(e.id))(e, d);
      },
    });
    await bus.start();
    const [e] = events(1);
    await store.append([e]);
    const relay = new OutboxRelay(store, bus);
    await expect(relay.relayOnce()).rejects.toThrow('database hiccup');
    expect(await relay.relayOnce()).toBe(1);

    await eventually(() => expect(deliveries).toEqual([e.id, e.id]));
    expect(effects).toEqual([e.id]);
    await bus.stop();
  });
});
