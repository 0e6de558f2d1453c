import type { CommandBus } from '@nestjs/cqrs';
import { Consumer, EachBatchPayload, Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { IngestBagsCommand } from '../../../application/commands/ingest-bags/ingest-bags.command';
import { IngestFlightsCommand } from '../../../application/commands/ingest-flights/ingest-flights.command';
import type { RawMessage } from '../../../application/raw-message';

export interface StreamConsumerOptions {
  brokers: readonly string[];
  clientId: string;
  groupId: string;
  flightsTopic: string;
  bagsTopic: string;
  onLag?: (lag: { group: string; topic: string; partition: number; lag: number }) => void;
}

/**
 * The `flights` and `bags` consumers: kafkajs batch consumption, one use-case call (one Lua EVALSHA) per fetched
 * batch, and the batch's offset committed only after it resolved — so a crash between write and commit redelivers
 * the batch, which the idempotent upsert absorbs (at least once, no lost and no duplicated effects). A failing batch
 * (Redis down) is retried by kafkajs from the last committed offset.
 */
export class KafkaStreamConsumer {
  private readonly kafka: Kafka;
  private consumer?: Consumer;

  constructor(
    private readonly options: StreamConsumerOptions,
    private readonly commands: Pick<CommandBus, 'execute'>,
    private readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>,
  ) {
    this.kafka = new Kafka({ clientId: `${options.clientId}-baggage`, brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  }

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      // A SIGKILLed member holds its partitions until its session times out: 10 s bounds that pause.
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => this.logger.error({ module: 'baggage', error: event.payload.error?.message, restart: event.payload.restart }, 'baggage consumer crashed'));
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.flightsTopic, this.options.bagsTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: (payload) => this.handle(payload),
    });
    this.logger.info({ module: 'baggage', group: this.options.groupId, topics: [this.options.flightsTopic, this.options.bagsTopic] }, 'baggage consumers started');
  }

  private async handle({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return;
    const messages: RawMessage[] = batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset, key: m.key?.toString() ?? null, value: m.value?.toString() ?? null }));
    const command = batch.topic === this.options.flightsTopic ? new IngestFlightsCommand(batch.topic, messages) : new IngestBagsCommand(batch.topic, messages);
    await this.commands.execute(command);
    const last = batch.lastOffset();
    resolveOffset(last);
    await this.consumer?.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
    this.options.onLag?.({ group: this.options.groupId, topic: batch.topic, partition: batch.partition, lag: Number(batch.offsetLag()) });
    await heartbeat();
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch((error: unknown) => this.logger.warn({ module: 'baggage', error: (error as Error).message }, 'baggage consumer disconnect failed'));
  }
}
