import { createServer } from 'node:net';
import { createEnvelope } from '../envelope/envelope';
import { KafkaIntegrationEventBus } from './kafka-integration-event-bus';

/** A loopback port nobody listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('KafkaIntegrationEventBus without a reachable broker', () => {
  let bus: KafkaIntegrationEventBus;
  let logged: string[];

  beforeEach(async () => {
    logged = [];
    const logger = { warn: (_f: object, m: string) => void logged.push(m), error: (_f: object, m: string) => void logged.push(m) };
    bus = new KafkaIntegrationEventBus({ brokers: [`127.0.0.1:${await closedPort()}`], connectionRetries: 0, logger });
  });

  afterEach(() => bus.stop());

  it('needs at least one broker', () => {
    expect(() => new KafkaIntegrationEventBus({ brokers: [] })).toThrow(/KAFKA_BROKERS/);
  });

  it('fails publish as unavailable (503), not as a crash', async () => {
    const event = createEnvelope({ type: 'identity.user-deleted.v1', key: 'u-1', payload: {} });
    await expect(bus.publish(event)).rejects.toMatchObject({ code: 'MESSAGING.PUBLISH_FAILED', category: 'unavailable', message: 'Could not publish 1 event(s): the event broker is unavailable' });
    expect(logged.join('\n')).toContain('publish failed');
  });

  it('still validates before touching the network', async () => {
    await expect(bus.publish({ ...createEnvelope({ type: 'identity.user-deleted.v1', key: 'u-1', payload: {} }), key: '' })).rejects.toMatchObject({
      code: 'MESSAGING.INVALID_ENVELOPE',
    });
  });

  it('fails start as unavailable, leaves the bus stopped, and can be stopped and retried', async () => {
    bus.subscribe({ module: 'orders', eventTypes: ['identity.user-deleted.v1'], handler: async () => undefined });
    await expect(bus.start()).rejects.toMatchObject({ code: 'MESSAGING.BROKER_UNAVAILABLE', category: 'unavailable' });
    await expect(bus.start()).rejects.toMatchObject({ code: 'MESSAGING.BROKER_UNAVAILABLE' });
    await bus.stop();
    // Stopped: subscriptions were forgotten, so registering again is allowed.
    bus.subscribe({ module: 'orders', eventTypes: ['identity.user-deleted.v1'], handler: async () => undefined });
  });

  it('reports not ready', async () => {
    await expect(bus.ping()).rejects.toThrow();
  });
});
