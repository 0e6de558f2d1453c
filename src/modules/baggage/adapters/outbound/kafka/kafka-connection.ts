import { Kafka, Producer, logLevel } from 'kafkajs';

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

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await (await producer.catch(() => undefined))?.disconnect();
  }
}
