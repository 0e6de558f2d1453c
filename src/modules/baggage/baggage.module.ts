import { DynamicModule, Module, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock, SystemClock } from '@libs/kernel';
import type { ModuleRegistration } from '@libs/platform';
import { AppConfig, MetricsService, RedisClient, readKafkaTopicDefaults } from '@libs/platform';
import { BaggageMetrics } from './application/baggage-metrics';
import { BAGGAGE_SETTINGS, BaggageSettings } from './application/baggage-settings';
import { IngestBagsHandler } from './application/commands/ingest-bags/ingest-bags.handler';
import { IngestFlightsHandler } from './application/commands/ingest-flights/ingest-flights.handler';
import { ProduceArrivingWorkHandler } from './application/commands/produce-arriving-work/produce-arriving-work.handler';
import { PurgeArrivedHandler } from './application/commands/purge-arrived/purge-arrived.handler';
import { GetBagHandler } from './application/queries/get-bag/get-bag.handler';
import { GetFlightHandler } from './application/queries/get-flight/get-flight.handler';
import { ListArrivalsHandler } from './application/queries/list-arrivals/list-arrivals.handler';
import { BaggageController } from './adapters/inbound/http/baggage.controller';
import { BaggageKafka } from './adapters/outbound/kafka/kafka-connection';
import { KafkaDeadLetters } from './adapters/outbound/kafka/kafka-dead-letters';
import { KafkaWorkPublisher } from './adapters/outbound/kafka/kafka-work-publisher';
import { MemoryBaggageStore } from './adapters/outbound/memory/memory-baggage-store';
import { MemoryDeadLetters } from './adapters/outbound/memory/memory-dead-letters';
import { MemoryWorkPublisher } from './adapters/outbound/memory/memory-work-publisher';
import { RedisBaggageStore } from './adapters/outbound/redis/redis-baggage-store';
import { registerRedisMemoryMetric } from './adapters/outbound/redis/redis-memory-metric';
import { readBaggageSettings } from './baggage.config';
import { BAGGAGE_RUNTIME, BaggageLifecycle } from './baggage.lifecycle';
import { BaggageStore, DeadLetters, WorkPublisher } from './ports';

const REDIS_MEMORY_GAUGE = 'baggage:redis-memory-gauge';

const HANDLERS = [IngestFlightsHandler, IngestBagsHandler, ProduceArrivingWorkHandler, PurgeArrivedHandler, GetBagHandler, GetFlightHandler, ListArrivalsHandler];

const memoryAdapters = (): Provider[] => [
  { provide: BaggageStore, useFactory: () => new MemoryBaggageStore() },
  { provide: WorkPublisher, useFactory: () => new MemoryWorkPublisher() },
  { provide: DeadLetters, useFactory: () => new MemoryDeadLetters() },
];

const realAdapters = (settings: BaggageSettings): Provider[] => [
  {
    provide: BaggageKafka,
    inject: [AppConfig],
    useFactory: (config: AppConfig) =>
      new BaggageKafka({ brokers: config.list('KAFKA_BROKERS'), clientId: `${config.string('KAFKA_CLIENT_ID')}-baggage`, topicDefaults: readKafkaTopicDefaults(config) }),
  },
  { provide: BaggageStore, inject: [RedisClient], useFactory: (redis: RedisClient) => new RedisBaggageStore(redis, settings.redisKeyPrefix) },
  // Seed 003's dashboard reads redis_memory_used_bytes (a Redis exporter in the original): served on /metrics here.
  { provide: REDIS_MEMORY_GAUGE, inject: [MetricsService, RedisClient], useFactory: (metrics: MetricsService, redis: RedisClient) => registerRedisMemoryMetric(metrics.registry, redis) },
  { provide: DeadLetters, inject: [BaggageKafka], useFactory: (kafka: BaggageKafka) => new KafkaDeadLetters(kafka) },
  {
    provide: WorkPublisher,
    inject: [BaggageKafka, DeadLetters],
    useFactory: (kafka: BaggageKafka, deadLetters: DeadLetters) =>
      new KafkaWorkPublisher(kafka, deadLetters, { topic: settings.workTopic, maxRequestBytes: settings.workMaxRequestBytes, compression: settings.workCompression }),
  },
];

/**
 * The baggage bounded context (seed 003): flights/bags streams into Redis through Lua scripts, arriving-flight work
 * items, retention, REST queries. The test data producer is a CLI (adapters/inbound/cli).
 */
@Module({})
export class BaggageModule {
  static register({ adapters, config }: ModuleRegistration): DynamicModule {
    const settings = readBaggageSettings(config);
    return {
      module: BaggageModule,
      imports: [CqrsModule.forRoot()],
      controllers: [BaggageController],
      providers: [
        { provide: BAGGAGE_SETTINGS, useValue: settings },
        { provide: BAGGAGE_RUNTIME, useValue: adapters },
        { provide: Clock, useClass: SystemClock },
        BaggageMetrics,
        ...(adapters === 'real' ? realAdapters(settings) : memoryAdapters()),
        ...HANDLERS,
        BaggageLifecycle,
      ],
    };
  }
}
