import { Kafka, Producer, logLevel } from 'kafkajs';
import { BROKER_TOPIC_DEFAULTS, KafkaTopicDefaults, createTopicsAndWait, topicConfig } from '@libs/platform';
import { registerLz4Codec } from './lz4-codec';

export interface KafkaConnectionOptions {
  brokers: readonly string[];
  clientId: string;
  /** Replication of the topics ensureTopics creates (default: the broker's). */
  topicDefaults?: KafkaTopicDefaults;
}

/**
 * baggage's kafkajs connection for the original system's wire topics (`flights`, `bags`, `arriving_flight_work` and
 * their `.dlq`): these are not Junction integration events, so they do not go through the IntegrationEventBus.
 * One producer, connected on first use.
 */
export class BaggageKafka {
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private readonly topicDefaults: KafkaTopicDefaults;

  constructor(options: KafkaConnectionOptions) {
    registerLz4Codec();
    this.topicDefaults = options.topicDefaults ?? BROKER_TOPIC_DEFAULTS;
    this.kafka = new Kafka({ clientId: options.clientId, brokers: [...options.brokers], logLevel: logLevel.NOTHING, retry: { retries: 5 } });
  }

  connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
      this.producer = producer.connect().then(
        () => producer,
        (error: unknown) => {
          this.producer = undefined;
          throw error;
        },
      );
    }
    return this.producer;
  }

  /** Creates missing topics (partitions as given); existing ones are left alone. */
  async ensureTopics(topics: readonly string[], numPartitions = 3): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...new Set(topics)].filter((t) => !existing.has(t));
      await createTopicsAndWait(admin, missing.map((topic) => topicConfig(topic, numPartitions, this.topicDefaults)));
    } finally {
      await admin.disconnect();
    }
  }

  /** Partitions of an existing topic (the work publisher computes each key's partition itself). */
  async partitionCount(topic: string): Promise<number> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const count = topics[0]?.partitions.length ?? 0;
      if (count === 0) throw new Error(`topic ${topic} has no partitions`);
      return count;
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await (await producer.catch(() => undefined))?.disconnect();
  }
}
