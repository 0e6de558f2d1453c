import { Admin, Consumer, IHeaders, Kafka, Producer, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { DomainError } from '@libs/kernel';
import { ORDERS_ERRORS } from '../../../domain/errors';
import { KafkaTopicDefaults, createTopicsAndWait, topicConfig } from '@libs/platform';
import type { SagaMessage } from '../../../ports/order-store';
import { InboundHandler, InboundMessage, SagaBroker } from '../../../ports/saga-broker';
import { processInKeyOrder } from './process-in-key-order';

/** Orders of one partition handled side by side (bounded by the database pool in practice). */
const KEYS_IN_FLIGHT_PER_PARTITION = 32;

export interface KafkaSagaBrokerOptions {
  brokers: readonly string[];
  clientId: string;
  /** Prepended to every topic and group id (test isolation); '' in production. */
  prefix: string;
  /** Topics created (if missing) at start with this many partitions. */
  topics: readonly string[];
  partitions: number;
  /** Replication of the topics created at start (default: the broker's). */
  topicDefaults?: KafkaTopicDefaults;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
}

interface GroupSpec {
  group: string;
  topics: readonly string[];
  handler: InboundHandler;
}

/**
 * SagaBroker on Kafka with kafkajs, on the original's topic names (plus an optional prefix), keys and headers. Each
 * group commits offsets only up to the first message whose handler has not resolved; a throw (only while stopping) leaves
 * it and everything after it for the next consumer. Messages of one key (order id) go to one partition and are handled
 * one after another (processInKeyOrder), so each group sees an order's messages in order; different orders of a
 * partition are handled side by side.
 */
export class KafkaSagaBroker extends SagaBroker {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerReady?: Promise<void>;
  private readonly specs: GroupSpec[] = [];
  private consumers: Consumer[] = [];
  private unsent: { messages: readonly SagaMessage[]; resolve: () => void; reject: (error: unknown) => void }[] = [];

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

  /**
   * Publishes made in the same tick (the validators answer many orders at once) share one produce request: one
   * round trip to the broker instead of one per order. Resolves once every message is acknowledged by all replicas.
   */
  publish(messages: readonly SagaMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.unsent.push({ messages, resolve, reject });
      if (this.unsent.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.unsent;
    this.unsent = [];
    try {
      await this.send(waiting.flatMap((w) => w.messages));
      for (const w of waiting) w.resolve();
    } catch (error) {
      // A broker that cannot take the write now (a leader failover, not enough in-sync replicas, broker down) is a
      // transient failure: the saga step retries until it can, instead of being dead-lettered after a few quick
      // attempts, which left its order PROCESSING for ever (docs/reliability.md, the orders broker scenario).
      const unavailable = new DomainError(ORDERS_ERRORS.BROKER_UNAVAILABLE, 'unavailable', `the saga broker did not take the publish: ${(error as Error).message}`, { cause: error });
      for (const w of waiting) w.reject(unavailable);
    }
  }

  private async send(messages: readonly SagaMessage[]): Promise<void> {
    const producer = await this.ensureProducer();
    const byTopic = new Map<string, SagaMessage[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic);
      if (list) list.push(m);
      else byTopic.set(m.topic, [m]);
    }
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
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
          const messages: InboundMessage[] = batch.messages.map((message) => ({
            topic: batch.topic.slice(prefixLength),
            key: message.key?.toString() ?? '',
            headers: headersOf(message.headers),
            value: message.value?.toString() ?? '',
            partition: batch.partition,
            offset: message.offset,
            heartbeat,
          }));
          const outcome = await processInKeyOrder(messages, spec.handler, KEYS_IN_FLIGHT_PER_PARTITION);
          const done = outcome.firstUnfinished ?? messages.length;
          if (done > 0) resolveOffset(messages[done - 1].offset);
          await commitOffsetsIfNecessary();
          if (outcome.firstUnfinished !== undefined) throw outcome.error;
          await heartbeat();
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
        await createTopicsAndWait(admin, missing.map((topic) => topicConfig(topic, this.options.partitions, this.options.topicDefaults))).catch((error: Error) => {
          this.options.logger.warn({ module: 'orders', error: error.message }, 'could not create saga topics (they may exist already)');
        });
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

function headersOf(raw: IHeaders | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v === undefined) continue;
    headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
  }
  return headers;
}
