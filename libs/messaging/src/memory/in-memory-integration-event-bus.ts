import { setMaxListeners } from 'node:events';
import { EventEnvelope } from '../envelope/envelope';
import { toKafkaMessage } from '../envelope/kafka-message';
import { MessagingLogger, SILENT_LOGGER, describeError } from '../messaging-logger';
import { RetryPolicy, consume } from '../bus/consume';
import { DeadLetter, fromDeadLetterMessage } from '../bus/dead-letter';
import { IntegrationEventBus, Subscription } from '../bus/integration-event-bus';
import { consumerGroupId, deadLetterTopic, topicFor } from '../bus/naming';
import { validateForPublish } from '../bus/publishing';
import { sleep } from '../bus/sleep';
import { SubscriptionRegistry, assertNotRunning } from '../bus/subscriptions';
import { InMemoryBroker } from './in-memory-broker';

export interface InMemoryIntegrationEventBusOptions {
  /** Share one broker between buses to model several processes on one cluster (restarts, groups). */
  broker?: InMemoryBroker;
  /** Backoff between handler attempts; short by default, nothing real is waited for. */
  retry?: Partial<RetryPolicy>;
  logger?: MessagingLogger;
}

interface Running {
  abort: AbortController;
  pumps: Promise<void>[];
  groups: string[];
}

/**
 * The bus for ADAPTERS=memory and unit tests, with Kafka's semantics: asynchronous delivery, one sequential
 * consumer per group and partition (per-key order), offsets committed only after the handler succeeded or
 * the event was dead-lettered, committed offsets surviving a stop/start.
 */
export class InMemoryIntegrationEventBus extends IntegrationEventBus {
  readonly broker: InMemoryBroker;
  private readonly registry = new SubscriptionRegistry();
  private readonly retry: RetryPolicy;
  private readonly logger: MessagingLogger;
  private readonly member = Symbol('in-memory-bus');
  private running?: Running;

  constructor(options: InMemoryIntegrationEventBusOptions = {}) {
    super();
    this.broker = options.broker ?? new InMemoryBroker();
    this.retry = { initialBackoffMs: 10, maxBackoffMs: 100, ...options.retry };
    this.logger = options.logger ?? SILENT_LOGGER;
  }

  async publish(events: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    for (const envelope of validateForPublish(events)) this.broker.append(topicFor(envelope.type), toKafkaMessage(envelope));
  }

  subscribe<T = unknown>(subscription: Subscription<T>): void {
    assertNotRunning(this.running !== undefined);
    this.registry.add(subscription);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const running: Running = { abort: new AbortController(), pumps: [], groups: [] };
    // Every partition pump listens on this one signal while it waits; that is not a leak.
    setMaxListeners(0, running.abort.signal);
    try {
      for (const module of this.registry.modules()) {
        const group = consumerGroupId(module);
        this.broker.join(group, this.member);
        running.groups.push(group);
        this.broker.createTopic(deadLetterTopic(module));
        for (const topic of this.registry.topics(module)) {
          this.broker.createTopic(topic);
          for (let partition = 0; partition < this.broker.partitions(topic); partition++) {
            running.pumps.push(this.pump(module, topic, partition, running.abort.signal));
          }
        }
      }
    } catch (error) {
      running.abort.abort();
      for (const group of running.groups) this.broker.leave(group, this.member);
      throw error;
    }
    this.running = running;
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (running) {
      running.abort.abort();
      await Promise.all(running.pumps);
      for (const group of running.groups) this.broker.leave(group, this.member);
      this.running = undefined;
    }
    this.registry.clear();
  }

  /** What reached the module's dead-letter topic, oldest first per partition. */
  deadLetters(module: string): DeadLetter[] {
    return this.broker.messages(deadLetterTopic(module)).map((m) => fromDeadLetterMessage(m));
  }

  /** One sequential consumer per group, topic and partition, like a Kafka partition assignment. */
  private async pump(module: string, topic: string, partition: number, signal: AbortSignal): Promise<void> {
    const group = consumerGroupId(module);
    while (!signal.aborted) {
      const offset = this.broker.committedOffset(group, topic, partition);
      const message = this.broker.read(topic, partition, offset);
      if (!message) {
        await this.broker.nextAppend(signal);
        continue;
      }
      try {
        const outcome = await consume({
          system: 'memory',
          module,
          topic,
          partition,
          offset: String(offset),
          message,
          route: this.registry.route(module, topic),
          signal,
          retry: this.retry,
          logger: this.logger,
          deadLetter: async (dead) => void this.broker.append(deadLetterTopic(module), dead),
        });
        if (outcome === 'interrupted') return;
        this.broker.commit(group, topic, partition, offset + 1);
      } catch (error) {
        // Only a failing logger or dead-letter write lands here; retry the same offset like a restarted consumer.
        this.logger.error({ module, topic, partition, offset, error: describeError(error) }, 'in-memory consumer failed; retrying');
        await sleep(this.retry.maxBackoffMs, signal);
      }
    }
  }
}
