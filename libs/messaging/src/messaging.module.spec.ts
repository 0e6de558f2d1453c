import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigError } from '@libs/platform';
import { eventually } from '@libs/testing';
import { EventEnvelope, createEnvelope } from './envelope/envelope';
import { IntegrationEventBus } from './bus/integration-event-bus';
import { InMemoryIntegrationEventBus } from './memory/in-memory-integration-event-bus';
import { MessagingModule } from './messaging.module';

const TYPE = 'identity.user-deleted.v1';

/** What a module's inbound Kafka adapter looks like: subscribe in onModuleInit, the bus starts later. */
@Injectable()
class UserDeletedListener implements OnModuleInit {
  readonly received: EventEnvelope[] = [];
  constructor(private readonly bus: IntegrationEventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({ module: 'orders', eventTypes: [TYPE], handler: async (e) => void this.received.push(e) });
  }
}

@Module({ providers: [UserDeletedListener] })
class OrdersModule {}

describe('MessagingModule', () => {
  it('with adapters=memory provides the in-memory bus, started on bootstrap and stopped on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MessagingModule.forRoot({ adapters: 'memory' }), OrdersModule] }).compile();
    // The testing module is an application context: init() and close() run the lifecycle hooks.
    const app = moduleRef;
    await app.init();
    const bus = app.get(IntegrationEventBus);
    expect(bus).toBeInstanceOf(InMemoryIntegrationEventBus);

    const event = createEnvelope({ type: TYPE, key: 'u-1', payload: { userId: 'u-1' } });
    await bus.publish(event);
    await eventually(() => expect(app.get(UserDeletedListener).received).toEqual([event]));

    await app.close();
    // Stopped: the subscriptions are gone and a new one is accepted.
    expect(() => bus.subscribe({ module: 'orders', eventTypes: [TYPE], handler: async () => undefined })).not.toThrow();
  });

  it('with adapters=real and no brokers fails at boot naming KAFKA_BROKERS', () => {
    expect(() => MessagingModule.forRoot({ adapters: 'real' })).toThrow(ConfigError);
    expect(() => MessagingModule.forRoot({ adapters: 'real', brokers: [] })).toThrow(/KAFKA_BROKERS is required/);
  });
});
