import { Admin, Kafka } from 'kafkajs';
import { KafkaTopicDefaults, createTopicsAndWait, topicConfig } from '@libs/platform';

export interface TopicSettings {
  numPartitions: number;
  defaults: KafkaTopicDefaults;
}

/**
 * Creates missing topics with our partition count instead of relying on broker auto-creation (its
 * defaults vary by cluster). Known topics are cached, so publish pays for this once per type.
 */
export class KafkaTopics {
  private readonly known = new Set<string>();
  private admin?: Promise<Admin>;
  // Serialized: two concurrent creations of one topic would race, and the loser would not wait for leaders.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: TopicSettings,
  ) {}

  ensure(topics: readonly string[]): Promise<void> {
    const wanted = [...new Set(topics)].filter((t) => !this.known.has(t));
    if (wanted.length === 0) return Promise.resolve();
    const run = this.queue.then(() => this.create(wanted));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Cheapest call that proves the cluster answers (readiness checks). */
  async ping(): Promise<void> {
    await (await this.connect()).describeCluster();
  }

  async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await (await admin.catch(() => undefined))?.disconnect();
  }

  private async create(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((t) => !this.known.has(t));
    if (missing.length === 0) return;
    const admin = await this.connect();
    const existing = new Set(await admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      await createTopicsAndWait(
        admin,
        toCreate.map((topic) => topicConfig(topic, this.settings.numPartitions, this.settings.defaults)),
      );
    }
    for (const t of missing) this.known.add(t);
  }

  private connect(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      const pending = admin.connect().then(() => admin);
      this.admin = pending;
      // A failed connect is forgotten, so the next call tries again.
      pending.catch(() => {
        if (this.admin === pending) this.admin = undefined;
      });
    }
    return this.admin;
  }
}
