import { eventually } from '@libs/testing';
import { createEnvelope } from '../envelope/envelope';
import { fromDeadLetterMessage } from '../bus/dead-letter';
import { integrationEventBusContract } from '../bus/integration-event-bus.contract';
import { deadLetterTopic } from '../bus/naming';
import { InMemoryBroker } from './in-memory-broker';
import { InMemoryIntegrationEventBus } from './in-memory-integration-event-bus';

integrationEventBusContract('in-memory', async () => {
  const broker = new InMemoryBroker();
  const buses: InMemoryIntegrationEventBus[] = [];
  return {
    newBus: () => {
      const bus = new InMemoryIntegrationEventBus({ broker, retry: { initialBackoffMs: 2, maxBackoffMs: 10 } });
      buses.push(bus);
      return bus;
    },
    deadLetters: async (module) => broker.messages(deadLetterTopic(module)).map((m) => fromDeadLetterMessage(m)),
    cleanup: async () => void (await Promise.all(buses.map((b) => b.stop()))),
  };
});

describe('InMemoryIntegrationEventBus', () => {
  const type = 'orders.order-placed.v1';
  const event = (key: string, seq: number) => createEnvelope({ type, key, payload: { seq } });

  it('never runs a handler inside publish (delivery is asynchronous)', async () => {
    const bus = new InMemoryIntegrationEventBus();
    let handled = 0;
    bus.subscribe({ module: 'baggage', eventTypes: [type], handler: async () => void handled++ });
    await bus.start();
    const publishing = bus.publish(event('o-1', 1));
    expect(handled).toBe(0);
    await publishing;
    await eventually(() => expect(handled).toBe(1));
    await bus.stop();
  });

  it('dead-letters an undecodable message without calling the handler, then goes on', async () => {
    const broker = new InMemoryBroker(1);
    const bus = new InMemoryIntegrationEventBus({ broker });
    const seen: number[] = [];
    bus.subscribe<{ seq: number }>({ module: 'baggage', eventTypes: [type], handler: async (e) => void seen.push(e.payload.seq) });
    await bus.start();
    broker.append(type, { key: 'o-1', value: '{not json', headers: { 'event-type': type } });
    broker.append(type, { key: 'o-1', value: JSON.stringify({ ...event('o-1', 0), type: 'orders.other.v1' }), headers: {} });
    await bus.publish(event('o-1', 7));

    await eventually(() => expect(seen).toEqual([7]));
    const letters = bus.deadLetters('baggage');
    expect(letters).toHaveLength(2);
    expect(letters[0]).toMatchObject({ attempts: 0, envelope: undefined, value: '{not json', module: 'baggage', sourceOffset: '0' });
    expect(letters[0].reason).toContain('value is not JSON');
    expect(letters[1].reason).toContain('does not match topic');
    await bus.stop();
  });

  it('stop() waits for the handler in flight and leaves an unfinished retry uncommitted', async () => {
    const broker = new InMemoryBroker(1);
    const bus = new InMemoryIntegrationEventBus({ broker, retry: { initialBackoffMs: 10_000, maxBackoffMs: 10_000 } });
    let calls = 0;
    bus.subscribe({
      module: 'baggage',
      eventTypes: [type],
      handler: async () => {
        calls++;
        throw new Error('down');
      },
    });
    await bus.start();
    await bus.publish(event('o-1', 1));
    await eventually(() => expect(calls).toBe(1));
    // The bus is now backing off for 10 s before attempt 2; stop must not wait for that.
    const started = Date.now();
    await bus.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(broker.committedOffset('junction.baggage', type, 0)).toBe(0);
    expect(bus.deadLetters('baggage')).toEqual([]);
  });

  it('refuses a second active member of one group on the same broker', async () => {
    const broker = new InMemoryBroker();
    const a = new InMemoryIntegrationEventBus({ broker });
    const b = new InMemoryIntegrationEventBus({ broker });
    a.subscribe({ module: 'baggage', eventTypes: [type], handler: async () => undefined });
    b.subscribe({ module: 'baggage', eventTypes: [type], handler: async () => undefined });
    await a.start();
    await expect(b.start()).rejects.toMatchObject({ code: 'MESSAGING.GROUP_BUSY' });
    await a.stop();
    await b.start();
    await b.stop();
  });

  it('gives each module its own group: every module gets every event', async () => {
    const bus = new InMemoryIntegrationEventBus();
    const got: string[] = [];
    bus.subscribe({ module: 'baggage', eventTypes: [type], handler: async () => void got.push('baggage') });
    bus.subscribe({ module: 'trains', eventTypes: [type], handler: async () => void got.push('trains') });
    await bus.start();
    await bus.publish(event('o-1', 1));
    await eventually(() => expect(got.sort()).toEqual(['baggage', 'trains']));
    await bus.stop();
  });
});
