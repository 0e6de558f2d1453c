import { Admin, ITopicConfig, Kafka, logLevel } from 'kafkajs';
import type { AppConfig } from '../config';

/**
 * How Junction creates the topics it owns, from config (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS), so a
 * replicated cluster gets replicated topics. -1 / 0 leave the broker's `default.replication.factor` and
 * `min.insync.replicas` in charge, which is right both for the single test broker and for a cluster whose operator
 * set them. Every producer writes with acks=-1, so a write is acknowledged once `min.insync.replicas` brokers have it.
 */
export interface KafkaTopicDefaults {
  /** -1 = the broker's default.replication.factor. */
  replicationFactor: number;
  /** 0 = the broker's min.insync.replicas (no per-topic override). */
  minInsyncReplicas: number;
}

export const BROKER_TOPIC_DEFAULTS: KafkaTopicDefaults = { replicationFactor: -1, minInsyncReplicas: 0 };

export function readKafkaTopicDefaults(config: AppConfig): KafkaTopicDefaults {
  return { replicationFactor: config.int('KAFKA_REPLICATION_FACTOR'), minInsyncReplicas: config.int('KAFKA_MIN_INSYNC_REPLICAS') };
}

/** The CreateTopics entry for one topic. */
export function topicConfig(topic: string, numPartitions: number, defaults: KafkaTopicDefaults = BROKER_TOPIC_DEFAULTS): ITopicConfig {
  return {
    topic,
    numPartitions,
    replicationFactor: defaults.replicationFactor,
    configEntries: defaults.minInsyncReplicas > 0 ? [{ name: 'min.insync.replicas', value: String(defaults.minInsyncReplicas) }] : [],
  };
}

/**
 * Creates topics and waits until every broker of the cluster reports a leader for every partition. kafkajs's own
 * `waitForLeaders` asks one broker, and on a multi-broker cluster the broker a consumer asks next may not have the
 * new topic's metadata yet: `subscribe` then fails with UNKNOWN_TOPIC_OR_PARTITION, which kafkajs does not retry.
 * Topics that all exist already are fine. `adminFor` opens an admin on one broker (the callers' clients are plain
 * TCP; a client with TLS or SASL must pass its own).
 */
export async function createTopicsAndWait(admin: Admin, topics: readonly ITopicConfig[], options: { timeoutMs?: number; adminFor?: (broker: string) => Admin } = {}): Promise<void> {
  if (topics.length === 0) return;
  const { timeoutMs = 30_000, adminFor = plainAdmin } = options;
  // kafkajs answers false (no throw) when every topic exists already; a mix of new and existing throws.
  await admin.createTopics({ topics: [...topics], waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  const { brokers } = await admin.describeCluster();
  for (const broker of brokers) {
    const probe = brokers.length === 1 ? admin : adminFor(`${broker.host}:${broker.port}`);
    try {
      if (probe !== admin) await probe.connect();
      await waitForLeaders(probe, names, deadline, timeoutMs);
    } finally {
      if (probe !== admin) await probe.disconnect().catch(() => undefined);
    }
  }
}

function plainAdmin(broker: string): Admin {
  return new Kafka({ clientId: 'junction-topic-probe', brokers: [broker], logLevel: logLevel.NOTHING }).admin();
}

async function waitForLeaders(admin: Admin, names: readonly string[], deadline: number, timeoutMs: number): Promise<void> {
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: [...names] });
      if (found.length === names.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (!isRetriableMetadataError(error)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`Kafka topics ${names.join(', ')} have no leader for every partition after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function isRetriableMetadataError(error: unknown): boolean {
  const type = (error as { type?: string }).type;
  return type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'LEADER_NOT_AVAILABLE';
}
