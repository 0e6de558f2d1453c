import { randomBytes } from 'node:crypto';
import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthRegistry, MetricsService } from '@libs/platform';
import { describeWithInfra, eventually } from '@libs/testing';
import { EventEnvelope, createEnvelope } from './envelope/envelope';
import { IntegrationEventBus } from './bus/integration-event-bus';
import { consumerGroupId, deadLetterTopic } from './bus/naming';
import { KafkaIntegrationEventBus } from './kafka/kafka-integration-event-bus';
import { KafkaTestTools } from './kafka/kafka-test-tools';
import { MessagingModule } from './messaging.module';

const run = randomBytes(4).toString('hex');
const TYPE = `test.e${run}-module.v1`;
const MODULE = `t${run}-module`;

@Injectable()
class Listener implements OnModuleInit {
  readonly received: EventEnvelope[] = [];
  constructor(private readonly bus: IntegrationEventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({ module: MODULE, eventTypes: [TYPE], handler: async (e) => void this.received.push(e) });
  }
}

@Global()
@Module({ providers: [HealthRegistry, MetricsService], exports: [HealthRegistry, MetricsService] })
class FakePlatformModule {}

describeWithInfra(['kafka'], 'MessagingModule with adapters=real', (env) => {
  const brokers = env.KAFKA_BROKERS.split(',');

  it('boots the Kafka bus, consumes after bootstrap, reports readiness, and drains on close', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [FakePlatformModule, MessagingModule.forRoot({ adapters: 'real', brokers, clientId: 'messaging-module-int' })],
      providers: [Listener],
    }).compile();
    // The testing module is an application context: init() and close() run the lifecycle hooks.
    const app = moduleRef;
    try {
      await app.init();
      const bus = app.get(IntegrationEventBus);
      expect(bus).toBeInstanceOf(KafkaIntegrationEventBus);
      expect((await app.get(HealthRegistry).run()).kafka).toMatchObject({ status: 'up' });

      const event = createEnvelope({ type: TYPE, key: 'k', payload: { n: 1 } });
      await bus.publish(event);
      await eventually(() => expect(app.get(Listener).received.map((e) => e.id)).toEqual([event.id]), 30_000);
      // Consumer lag is exported per group/topic/partition once a batch was processed. The gauge is set on
      // END_BATCH_PROCESS, which fires after the handler returned, so it is awaited rather than read once.
      const lagLine = new RegExp(`kafka_consumer_lag\\{group="${consumerGroupId(MODULE)}",topic="${TYPE.replace(/\./g, '\\.')}",partition="\\d+"\\} 0`);
      await eventually(async () => expect(await app.get(MetricsService).registry.metrics()).toMatch(lagLine), 10_000);
    } finally {
      await app.close();
      await new KafkaTestTools(brokers).close({ topics: [TYPE, deadLetterTopic(MODULE)], groups: [consumerGroupId(MODULE)] });
    }
  }, 60_000);
});
