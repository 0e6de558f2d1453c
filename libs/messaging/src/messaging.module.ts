import { BeforeApplicationShutdown, DynamicModule, Global, Injectable, Module, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { ConfigError, HealthRegistry, LOGGER, MetricsService } from '@libs/platform';
import type { PinoLogger } from '@libs/platform';
import { IntegrationEventBus } from './bus/integration-event-bus';
import { InMemoryIntegrationEventBus, InMemoryIntegrationEventBusOptions } from './memory/in-memory-integration-event-bus';
import { KafkaIntegrationEventBus, KafkaIntegrationEventBusOptions } from './kafka/kafka-integration-event-bus';
import { MessagingLogger } from './messaging-logger';

export interface MessagingModuleOptions {
  adapters: 'memory' | 'real';
  /** KAFKA_BROKERS; required with adapters=real. */
  brokers?: readonly string[];
  /** KAFKA_CLIENT_ID (default `junction`). */
  clientId?: string;
  kafka?: Omit<KafkaIntegrationEventBusOptions, 'brokers' | 'clientId' | 'logger'>;
  memory?: Omit<InMemoryIntegrationEventBusOptions, 'logger'>;
}

/**
 * Starts consuming once every module has subscribed (their onModuleInit hooks run before any bootstrap
 * hook) and stops on shutdown. The stop runs in beforeApplicationShutdown: after modules stopped their
 * relays (onModuleDestroy), before they close their pools (onApplicationShutdown), so in-flight handlers
 * finish against live connections and SIGTERM drains the consumers.
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly bus: IntegrationEventBus,
    @Optional() health?: HealthRegistry,
  ) {
    if (health && bus instanceof KafkaIntegrationEventBus) health.register('kafka', () => bus.ping());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}

/** Provides the process's IntegrationEventBus: Kafka with ADAPTERS=real, in-memory otherwise. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    if (options.adapters === 'real' && (options.brokers ?? []).length === 0) {
      throw new ConfigError(['KAFKA_BROKERS is required (infra:kafka: ADAPTERS=real publishes and consumes integration events on Kafka)']);
    }
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: IntegrationEventBus,
          inject: [{ token: LOGGER, optional: true }, { token: MetricsService, optional: true }],
          useFactory: (logger?: PinoLogger, metrics?: MetricsService): IntegrationEventBus =>
            createBus(options, logger?.child({ component: 'messaging' }), metrics),
        },
        MessagingLifecycle,
      ],
      exports: [IntegrationEventBus],
    };
  }
}

function createBus(options: MessagingModuleOptions, logger?: MessagingLogger, metrics?: MetricsService): IntegrationEventBus {
  if (options.adapters === 'memory') return new InMemoryIntegrationEventBus({ ...options.memory, logger });
  const lag = metrics?.gauge('kafka_consumer_lag', 'Messages a consumer group is behind, per topic partition (after its last fetched batch)', ['group', 'topic', 'partition']);
  return new KafkaIntegrationEventBus({
    ...options.kafka,
    brokers: options.brokers ?? [],
    clientId: options.clientId,
    logger,
    onConsumerLag: lag ? (l) => lag.set({ group: l.group, topic: l.topic, partition: String(l.partition) }, l.lag) : undefined,
  });
}

