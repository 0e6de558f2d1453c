// Test support for the Kafka int-specs (not exported from index.ts).
import { randomBytes } from 'node:crypto';
import { Consumer, Kafka, Partitioners, logLevel } from 'kafkajs';
import { DeadLetter, fromDeadLetterMessage } from '../bus/dead-letter';
import { deadLetterTopic } from '../bus/naming';
import { readHeaders } from '../envelope/kafka-message';
import type { TestArtifacts } from '../bus/integration-event-bus.contract';

export interface RawRecord {
  topic: string;
  partition: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Plain kafkajs around the bus under test: raw producing, following topics, cleaning up after a run. */
export class KafkaTestTools {
  readonly kafka: Kafka;
  private readonly consumers: Consumer[] = [];
  private readonly groups: string[] = [];
  private readonly followed = new Map<string, RawRecord[]>();

  constructor(brokers: string[]) {
    this.kafka = new Kafka({ clientId: 'messaging-test-tools', brokers, logLevel: logLevel.NOTHING });
  }

  /** Every record of the topic from the beginning, collected as it arrives (the first call joins a throwaway group). */
  async follow(topic: string): Promise<readonly RawRecord[]> {
    let records = this.followed.get(topic);
    if (!records) {
      const collected: RawRecord[] = [];
      records = collected;
      this.followed.set(topic, collected);
      const groupId = `test.follower.${randomBytes(4).toString('hex')}`;
      this.groups.push(groupId);
      const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 500 });
      this.consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) =>
          void collected.push({ topic, partition, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: readHeaders(message.headers) }),
      });
    }
    return records;
  }

  async deadLetters(module: string): Promise<DeadLetter[]> {
    return (await this.follow(deadLetterTopic(module))).map((r) => fromDeadLetterMessage(r));
  }

  async produceRaw(topic: string, key: string, value: string): Promise<void> {
    const producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    } finally {
      await producer.disconnect();
    }
  }

  /** Stops the followers and deletes the run's topics and groups, so repeated runs do not pile up partitions. */
  async close(created: TestArtifacts = { topics: [], groups: [] }): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const topics = created.topics.filter((t) => existing.has(t));
      if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
      const groups = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
      const ours = [...created.groups, ...this.groups].filter((g) => groups.has(g));
      if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }
}
