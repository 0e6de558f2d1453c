import { randomBytes } from 'node:crypto';
import { describeWithInfra, eventually } from '@libs/testing';
import { EventEnvelope, createEnvelope } from '../envelope/envelope';
import { integrationEventBusContract } from '../bus/integration-event-bus.contract';
import { consumerGroupId, deadLetterTopic } from '../bus/naming';
import { KafkaIntegrationEventBus } from './kafka-integration-event-bus';
import { KafkaTestTools } from './kafka-test-tools';

describeWithInfra(['kafka'], 'KafkaIntegrationEventBus on a real broker', (env) => {
  const brokers = env.KAFKA_BROKERS.split(',');
  const busOptions = { brokers, clientId: 'messaging-int', retry: { initialBackoffMs: 50, maxBackoffMs: 200 } };

  integrationEventBusContract(
    'kafka',
    async () => {
      const buses: KafkaIntegrationEventBus[] = [];
      const tools = new KafkaTestTools(brokers);
      return {
        newBus: () => {
          const bus = new KafkaIntegrationEventBus(busOptions);
          buses.push(bus);
          return bus;
        },
        deadLetters: (module) => tools.deadLetters(module),
        cleanup: async (created) => {
          await Promise.all(buses.map((b) => b.stop()));
          await tools.close(created);
        },
      };
    },
    { deliveryTimeoutMs: 30_000, testTimeoutMs: 60_000 },
  );

  describe('Kafka specifics', () => {
    const run = randomBytes(4).toString('hex');
    const type = `test.e${run}-wire.v1`;
    const module = `t${run}-wire`;
    const tools = new KafkaTestTools(brokers);
    const bus = new KafkaIntegrationEventBus(busOptions);
    const seen: EventEnvelope[] = [];

    beforeAll(async () => {
      bus.subscribe({ module, eventTypes: [type], handler: async (e) => void seen.push(e) });
      await bus.start();
    }, 60_000);

    afterAll(async () => {
      await bus.stop();
      await tools.close({ topics: [type, deadLetterTopic(module)], groups: [consumerGroupId(module)] });
    }, 60_000);

    it(
      'writes the envelope as the JSON value, keyed by envelope.key, with event headers',
      async () => {
        const event = {
          ...createEnvelope({ type, key: 'flight-9', payload: { gate: 'B12' }, correlationId: 'req-42', causationId: 'a-cause' }),
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        };
        await bus.publish(event);

        const records = await eventually(async () => {
          const found = (await tools.follow(type)).filter((r) => r.headers['event-id'] === event.id);
          expect(found).toHaveLength(1);
          return found;
        }, 30_000);
        expect(records[0].key).toBe('flight-9');
        expect(JSON.parse(records[0].value ?? '')).toEqual(event);
        expect(records[0].headers).toEqual({
          'event-type': type,
          'event-id': event.id,
          'correlation-id': 'req-42',
          'causation-id': 'a-cause',
          traceparent: event.traceparent,
        });
      },
      60_000,
    );

    it(
      'dead-letters a message that is no envelope and keeps consuming its partition',
      async () => {
        await tools.produceRaw(type, 'flight-7', '{"half": "an envelope"');
        const after = createEnvelope({ type, key: 'flight-7', payload: { gate: 'C3' } });
        await bus.publish(after);

        await eventually(() => expect(seen.map((e) => e.id)).toContain(after.id), 30_000);
        const letters = await eventually(async () => {
          const found = (await tools.deadLetters(module)).filter((l) => l.value === '{"half": "an envelope"');
          expect(found).toHaveLength(1);
          return found;
        }, 30_000);
        expect(letters[0]).toMatchObject({ attempts: 0, module, sourceTopic: type, envelope: undefined });
        expect(letters[0].reason).toContain('value is not JSON');
      },
      60_000,
    );

    it('answers a readiness ping', async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
    });
  });
});
