import { Admin, Consumer, Kafka, Producer, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import type { SagaMessage } from '../../../ports/order-store';
import { InboundHandler, SagaBroker } from '../../../ports/saga-broker';

export interface KafkaSagaBrokerOptions {
  brokers: readonly string[];
  clientId: string;
  /** Prepended to every topic and group id (test isolation); '' in production. */
  prefix: string;
  /** Topics created (if missing) at start with this many partitions. */
  topics: readonly string[];
  partitions: number;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
}

interface GroupSpec {
  group: string;
  topics: readonly string[];
  handler: InboundHandler;
}

/**
 * SagaBroker on Kafka with kafkajs, on the original's topic names (plus an optional prefix), keys and headers. Each
 * group commits a message's offset only after its handler resolved; a throw (only while stopping) leaves it for the next
 * consumer. Messages of one key (order id) go to one partition, so each group sees an order's messages in order.
 */
export class KafkaSagaBroker extends SagaBroker {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<void>;
  private readonly specs: GroupSpec[] = [];
  private consumers: Consumer[] = [];

  constructor(private readonly options: KafkaSagaBrokerOptions) {
    super();
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.ERROR,
      logCreator: () => (entry) => options.logger.warn({ module: 'orders', kafka: entry.log.message, namespace: entry.namespace }, 'kafka client'),
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2000 },
    });
  }

  async publish(messages: readonly SagaMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.ensureProducer();
    const byTopic = new Map<string, SagaMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: this.options.prefix + topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  subscribe(group: string, topics: readonly string[], handler: InboundHandler): void {
    this.specs.push({ group, topics, handler });
  }

  async start(): Promise<void> {
    await this.ensureTopics();
    for (const spec of this.specs) {
      const consumer = this.kafka.consumer({ groupId: this.options.prefix + spec.group, sessionTimeout: 10_000, heartbeatInterval: 1000, retry: { retries: 10 } });
      this.consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topics: spec.topics.map((t) => this.options.prefix + t), fromBeginning: true });
      const prefixLength = this.options.prefix.length;
      await consumer.run({
        partitionsConsumedConcurrently: this.options.partitions,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) {
            if (v === undefined) continue;
            headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
          }
          await spec.handler({
            topic: topic.slice(prefixLength),
            key: message.key?.toString() ?? '',
            headers,
            value: message.value?.toString() ?? '',
            partition,
            offset: message.offset,
            heartbeat,
          });
        },
      });
    }
  }

  async stop(): Promise<void> {
    const consumers = this.consumers;
    this.consumers = [];
    this.specs.length = 0;
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    const producer = this.producer;
    this.producer = undefined;
    this.producerReady = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private ensureProducer(): Promise<Producer> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: true });
      const producer = this.producer;
      this.producerReady = producer.connect().catch((error: unknown) => {
        if (this.producer === producer) {
          this.producer = undefined;
          this.producerReady = undefined;
        }
        throw error;
      });
    }
    const producer = this.producer;
    return this.producerReady!.then(() => producer);
  }

  private async ensureTopics(): Promise<void> {
    const admin: Admin = this.kafka.admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = this.options.topics.map((t) => this.options.prefix + t).filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: 1 })) }).catch((error: Error) => {
          this.options.logger.warn({ module: 'orders', error: error.message }, 'could not create saga topics (they may exist already)');
        });
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
