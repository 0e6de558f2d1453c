import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '@libs/kernel';
import { AdapterMode, AppConfig, EtcdClient, LOGGER, Leadership, PinoLogger, runWhileLeader } from '@libs/platform';
import { BaggageMetrics } from './application/baggage-metrics';
import { BAGGAGE_SETTINGS, BaggageSettings, dlqTopic } from './application/baggage-settings';
import { ProduceArrivingWorkCommand } from './application/commands/produce-arriving-work/produce-arriving-work.command';
import { PurgeArrivedCommand } from './application/commands/purge-arrived/purge-arrived.command';
import { seededRandom } from '@libs/kernel';
import { generateHour } from './domain/test-data';
import { KafkaStreamConsumer } from './adapters/inbound/kafka/kafka-stream-consumer';
import { BaggageKafka } from './adapters/outbound/kafka/kafka-connection';
import { RedisBaggageStore } from './adapters/outbound/redis/redis-baggage-store';
import { BaggageStore } from './ports/baggage-store';

export const BAGGAGE_RUNTIME = 'baggage:runtime';
export const ELECTION = 'junction/baggage/work-producer';

/** Runs `job` every `periodMs` (after the previous run finished) until stopped; failures are logged, not fatal. */
class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly periodMs: number,
    private readonly job: () => Promise<unknown>,
    private readonly logger: PinoLogger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.job()
        .then(
          () => undefined,
          (error: unknown) => this.logger.warn({ module: 'baggage', job: this.name, error: (error as Error).message }, 'baggage job failed; retrying next period'),
        )
        .finally(() => this.schedule(this.periodMs));
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

/**
 * Boot and shutdown of baggage: Lua scripts loaded (SCRIPT LOAD) and topics created at boot with real adapters; the
 * flights/bags consumers in every replica (one consumer group); the work producer and retention jobs in one replica at
 * a time (etcd election with real adapters); demo data with memory adapters.
 */
@Injectable()
export class BaggageLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: KafkaStreamConsumer;
  private kafka?: BaggageKafka;
  private jobs: Periodic[] = [];
  private leadership?: Leadership;

  constructor(
    @Inject(BAGGAGE_SETTINGS) private readonly settings: BaggageSettings,
    @Inject(BAGGAGE_RUNTIME) private readonly adapters: AdapterMode,
    @Inject(LOGGER) private readonly logger: PinoLogger,
    private readonly commands: CommandBus,
    private readonly store: BaggageStore,
    private readonly metrics: BaggageMetrics,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.adapters !== 'real') return;
    await (this.store as RedisBaggageStore).loadScripts();
    if (this.settings.consumersEnabled || this.settings.producerEnabled) {
      const s = this.settings;
      this.kafka = this.moduleRef.get(BaggageKafka, { strict: false });
      await this.kafka.ensureTopics([s.flightsTopic, s.bagsTopic, s.workTopic, dlqTopic(s.flightsTopic), dlqTopic(s.bagsTopic), dlqTopic(s.workTopic)], s.topicPartitions);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.adapters === 'memory' && this.settings.demoData) await this.seedDemoData();
    if (this.adapters === 'real' && this.settings.consumersEnabled) {
      this.consumer = new KafkaStreamConsumer(
        {
          brokers: this.config.list('KAFKA_BROKERS'),
          clientId: this.config.string('KAFKA_CLIENT_ID'),
          groupId: this.settings.consumerGroup,
          flightsTopic: this.settings.flightsTopic,
          bagsTopic: this.settings.bagsTopic,
          onLag: (l) => this.metrics.consumerLag.set({ group: l.group, topic: l.topic, partition: String(l.partition) }, l.lag),
        },
        this.commands,
        this.logger,
      );
      await this.consumer.start();
    }
    if (!this.settings.producerEnabled) return;
    this.jobs = [
      new Periodic('work-producer', this.settings.tickMs, () => this.commands.execute(new ProduceArrivingWorkCommand()), this.logger),
      new Periodic('retention', this.settings.retentionIntervalMs, () => this.commands.execute(new PurgeArrivedCommand()), this.logger),
    ];
    const etcd = this.adapters === 'real' ? this.moduleRef.get(EtcdClient, { strict: false }) : undefined;
    if (etcd) {
      const jobs = this.jobs;
      this.leadership = runWhileLeader(
        etcd,
        `${ELECTION}/${this.settings.redisKeyPrefix || 'default'}`,
        `${process.pid}-${randomUUID()}`,
        { start: () => jobs.forEach((j) => j.start()), stop: () => Promise.all(jobs.map((j) => j.stop())).then(() => undefined) },
        { logger: this.logger },
      );
    } else {
      for (const job of this.jobs) job.start();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.leadership?.stop();
    await Promise.all(this.jobs.map((j) => j.stop()));
    await this.consumer?.stop();
    await this.kafka?.close();
  }

  /** A few flights around boot time, so GET /baggage/* answers something with `npm run start:all`. */
  private async seedDemoData(): Promise<void> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const hour = generateHour({ hourStart: now - 900, flights: 24, bags: 600, random: seededRandom(3) });
    await this.store.upsertBags(hour.bags, now);
    await this.store.upsertFlights(hour.flights, now);
    this.logger.info({ module: 'baggage', flights: hour.flights.length, bags: hour.bags.length, example: hour.bags[0]?.id }, 'baggage demo data stored (memory adapters)');
  }
}
