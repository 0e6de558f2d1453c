import { setMaxListeners } from 'node:events';
import { Consumer, EachMessagePayload, Kafka, Partitioners, Producer } from 'kafkajs';
import { DomainError } from '@libs/kernel';
import { EventEnvelope } from '../envelope/envelope';
import { WireMessage, toKafkaMessage } from '../envelope/kafka-message';
import { MESSAGING_ERRORS } from '../messaging-errors';
import { MessagingLogger, SILENT_LOGGER, describeError } from '../messaging-logger';
import { RetryPolicy, consume } from '../bus/consume';
import { IntegrationEventBus, Subscription } from '../bus/integration-event-bus';
import { consumerGroupId, deadLetterTopic, topicFor } from '../bus/naming';
import { validateForPublish } from '../bus/publishing';
import { SubscriptionRegistry, assertNotRunning } from '../bus/subscriptions';
import { KAFKA_LOG_LEVEL, kafkaLogCreator } from './kafka-log';
import { BROKER_TOPIC_DEFAULTS, KafkaTopicDefaults } from '@libs/platform';
import { KafkaTopics } from './kafka-topics';

export interface KafkaIntegrationEventBusOptions {
  brokers: readonly string[];
  /** Prefix of the kafkajs client id (default `junction`). */
  clientId?: string;
  /** kafkajs retries of a failed broker request before publish/start give up (default 5, about 10 s). */
  connectionRetries?: number;
  /** For topics this bus creates (default 3 partitions; replication and min.insync.replicas: the broker's). */
  numPartitions?: number;
  topicDefaults?: KafkaTopicDefaults;
  /** Backoff between handler attempts (default 200 ms doubling to 5 s). */
  retry?: Partial<RetryPolicy>;
  /** Consumer group timing; defaults are test-friendly but sane for production. */
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /**
   * Longest a fetch waits on the broker for new data (default 1 s, kafkajs's is 5 s). Disconnecting waits
   * for the fetch in flight, so this bounds how long stop() (SIGTERM) takes on an idle consumer.
   */
  fetchMaxWaitMs?: number;
  /** Partitions of one group processed in parallel (order still holds within each). */
  partitionsConsumedConcurrently?: number;
  /** How long start() waits for each group's first join before going on without it (default 30 s). */
  joinTimeoutMs?: number;
  logger?: MessagingLogger;
  /** Called after each fetched batch with how far the group is behind on that partition (for /metrics). */
  onConsumerLag?: (lag: { group: string; topic: string; partition: number; lag: number }) => void;
}

interface Running {
  abort: AbortController;
  consumers: Array<{ consumer: Consumer; topics: string[] }>;
  /** Messages being handled right now, so stop() can let them finish and commit before disconnecting. */
  inFlight: Set<Promise<void>>;
}

/**
 * The IntegrationEventBus on Kafka (kafkajs). One topic per event type keyed by the envelope key, so
 * per-key order is partition order. One consumer per module (group `junction.<module>`); each message's
 * offset is committed only after its handler succeeded or it was dead-lettered, so a crash or restart
 * redelivers rather than loses. A failing handler blocks its partition while it is retried with backoff
 * (that is what keeps per-key order), then the message goes to `junction.dlq.<module>` and the partition
 * moves on.
 */
export class KafkaIntegrationEventBus extends IntegrationEventBus {
  private readonly kafka: Kafka;
  private readonly topics: KafkaTopics;
  private readonly registry = new SubscriptionRegistry();
  private readonly retry: RetryPolicy;
  private readonly logger: MessagingLogger;
  private producer?: Promise<Producer>;
  private running?: Running;
  // start() and stop() never interleave.
  private lifecycle: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: KafkaIntegrationEventBusOptions) {
    super();
    if (options.brokers.length === 0) throw new Error('KafkaIntegrationEventBus needs at least one broker (KAFKA_BROKERS)');
    this.logger = options.logger ?? SILENT_LOGGER;
    this.retry = { initialBackoffMs: 200, maxBackoffMs: 5000, ...options.retry };
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'junction',
      brokers: [...options.brokers],
      connectionTimeout: 3000,
      retry: { retries: options.connectionRetries ?? 5 },
      logLevel: KAFKA_LOG_LEVEL,
      logCreator: kafkaLogCreator(this.logger),
    });
    this.topics = new KafkaTopics(this.kafka, { numPartitions: options.numPartitions ?? 3, defaults: options.topicDefaults ?? BROKER_TOPIC_DEFAULTS });
  }

  async publish(events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    const envelopes = validateForPublish(events);
    if (envelopes.length === 0) return;
    const byTopic = new Map<string, WireMessage[]>();
    for (const envelope of envelopes) {
      const topic = topicFor(envelope.type);
      const messages = byTopic.get(topic) ?? [];
      messages.push(toKafkaMessage(envelope));
      byTopic.set(topic, messages);
    }
    try {
      await this.topics.ensure([...byTopic.keys()]);
      const producer = await this.connectProducer();
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      // Broker details go to the log; the error may reach an HTTP client as a 503.
      this.logger.error({ eventTypes: [...byTopic.keys()], count: envelopes.length, error: describeError(error) }, 'publish failed');
      throw new DomainError(MESSAGING_ERRORS.PUBLISH_FAILED, 'unavailable', `Could not publish ${envelopes.length} event(s): the event broker is unavailable`, {
        cause: error,
        retryAfterSeconds: 5,
      });
    }
  }

  subscribe<T = unknown>(subscription: Subscription<T>): void {
    assertNotRunning(this.running !== undefined);
    this.registry.add(subscription);
  }

  start(): Promise<void> {
    return this.serially(async () => {
      if (this.running) return;
      const modules = this.registry.modules();
      const running: Running = { abort: new AbortController(), consumers: [], inFlight: new Set() };
      // Every partition being processed listens on this one signal while it backs off; that is not a leak.
      setMaxListeners(0, running.abort.signal);
      this.running = running;
      try {
        await this.topics.ensure(modules.flatMap((m) => [...this.registry.topics(m), deadLetterTopic(m)]));
        if (modules.length > 0) await this.connectProducer();
        // Settle all before judging, so cleanup never races a consumer that is still connecting.
        const started = await Promise.allSettled(modules.map((m) => this.startConsumer(m, running)));
        const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      } catch (error) {
        this.logger.error({ modules, error: describeError(error) }, 'Kafka consumers did not start');
        await this.shutDown(running);
        throw new DomainError(MESSAGING_ERRORS.BROKER_UNAVAILABLE, 'unavailable', 'Could not start the event consumers: the event broker is unavailable', { cause: error });
      }
    });
  }

  stop(): Promise<void> {
    return this.serially(async () => {
      if (this.running) await this.shutDown(this.running);
      this.registry.clear();
      const producer = this.producer;
      this.producer = undefined;
      await Promise.allSettled([producer?.then((p) => p.disconnect()), this.topics.disconnect()]);
    });
  }

  /** Readiness: the cluster answers a metadata request. */
  ping(): Promise<void> {
    return this.topics.ping();
  }

  private async startConsumer(module: string, running: Running): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: consumerGroupId(module),
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      rebalanceTimeout: this.options.rebalanceTimeoutMs ?? 20_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? 1_000,
      allowAutoTopicCreation: false,
    });
    const topics = this.registry.topics(module);
    // Tracked before connecting, so a failed start still disconnects it.
    running.consumers.push({ consumer, topics });
    const onLag = this.options.onConsumerLag;
    if (onLag) {
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) =>
        onLag({ group: consumerGroupId(module), topic: payload.topic, partition: payload.partition, lag: Number(payload.offsetLagLow) }),
      );
    }
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.logger.error({ module, restart: payload.restart, error: describeError(payload.error) }, 'Kafka consumer crashed'),
    );
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    await consumer.connect();
    // fromBeginning only applies to a group without committed offsets: a new module reads every event
    // already published to its topics instead of only those published after its first start.
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => {
        const handling = this.onMessage(module, consumer, payload, running.abort.signal);
        running.inFlight.add(handling);
        return handling.finally(() => running.inFlight.delete(handling));
      },
    });
    const timeoutMs = this.options.joinTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      joined.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) this.logger.warn({ module, timeoutMs }, 'Kafka consumer has not joined its group yet; it keeps trying in the background');
  }

  private async onMessage(module: string, consumer: Consumer, { topic, partition, message, heartbeat }: EachMessagePayload, signal: AbortSignal): Promise<void> {
    const outcome = await consume({
      system: 'kafka',
      module,
      topic,
      partition,
      offset: message.offset,
      message,
      route: this.registry.route(module, topic),
      signal,
      retry: this.retry,
      logger: this.logger,
      keepAlive: heartbeat,
      keepAliveIntervalMs: this.options.heartbeatIntervalMs ?? 1_000,
      deadLetter: async (dead) => {
        const producer = await this.connectProducer();
        await producer.send({ topic: deadLetterTopic(module), acks: -1, messages: [dead] });
      },
    });
    // Interrupted by stop(): no commit, so whichever member owns the partition next redelivers it.
    if (outcome === 'interrupted') return;
    await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
  }

  /**
   * Graceful: no new attempts start (the signal), the handlers in flight finish and commit, then the
   * consumers leave their groups. The order matters: kafkajs silently skips commits once a consumer is
   * disconnecting, so committing first spares every deploy a redelivery of the messages in flight.
   */
  private async shutDown(running: Running): Promise<void> {
    running.abort.abort();
    // Stop fetching too, so a backlog is not read (and skipped uncommitted) while the slowest handler finishes.
    for (const { consumer, topics } of running.consumers) {
      try {
        consumer.pause(topics.map((topic) => ({ topic })));
      } catch {
        // Not running yet (a start that failed half-way): nothing is being fetched.
      }
    }
    await Promise.allSettled([...running.inFlight]);
    const results = await Promise.allSettled(running.consumers.map(({ consumer }) => consumer.disconnect()));
    for (const r of results) if (r.status === 'rejected') this.logger.warn({ error: describeError(r.reason) }, 'Kafka consumer did not disconnect cleanly');
    if (this.running === running) this.running = undefined;
  }

  /**
   * Connected on first use, so publishing works before start() (another module's bootstrap hook may run
   * first) and after stop(). acks=-1 and one request in flight: acknowledged writes survive a broker
   * failover and a retried batch cannot overtake the next one, keeping per-key order. Retries may still
   * write a duplicate (kafkajs's idempotent mode is experimental); consumers dedupe by event id anyway.
   */
  private connectProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
        maxInFlightRequests: 1,
      });
      const pending = producer.connect().then(() => producer);
      this.producer = pending;
      pending.catch(() => {
        if (this.producer === pending) this.producer = undefined;
      });
    }
    return this.producer;
  }

  private serially<T>(step: () => Promise<T>): Promise<T> {
    const run = this.lifecycle.then(step);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }
}
