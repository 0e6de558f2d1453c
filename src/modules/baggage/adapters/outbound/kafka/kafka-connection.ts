import { Kafka, Producer, logLevel } from 'kafkajs';
import { registerLz4Codec } from './lz4-codec';

export interface KafkaConnectionOptions {
  brokers: readonly string[];
  clientId: string;
}

/**
 * baggage's kafkajs connection for the original system's wire topics (`flights`, `bags`, `arriving_flight_work` and
 * their `.dlq`): these are not Junction integration events, so they do not go through the IntegrationEventBus.
 * One producer, connected on first use.
 */
export class BaggageKafka {
  readonly kafka: Kafka;
  private producer?: Promise<Producer>;

  constructor(options: KafkaConnectionOptions) {
    registerLz4Codec();
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
      if (missing.length > 0) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })) });
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
