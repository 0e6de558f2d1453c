import { randomBytes } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { createTopicsAndWait, topicConfig } from '@libs/platform';
import { describeWithInfra, eventually } from '@libs/testing';

// Proves the pinned client (kafkajs 2.2.4) speaks to the broker the platform runs (Kafka 3.9, KRaft),
// independently of our adapter: admin, producer and a consumer group.
describeWithInfra(['kafka'], 'kafkajs against the real broker', (env) => {
  const kafka = new Kafka({ clientId: 'kafkajs-smoke', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const run = randomBytes(4).toString('hex');
  const topic = `test.e${run}-smoke.v1`;
  const groupId = `test.smoke.${run}`;

  it('creates and lists topics, produces, and consumes in a group with committed offsets', async () => {
    const admin = kafka.admin();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 500 });
    await admin.connect();
    try {
      // The platform's creation (kafkajs's waitForLeaders alone is not enough on a multi-broker cluster).
      await createTopicsAndWait(admin, [topicConfig(topic, 3)]);
      expect(await admin.listTopics()).toContain(topic);
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata.partitions).toHaveLength(3);

      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [1, 2, 3].map((n) => ({ key: `k${n}`, value: `v${n}`, headers: { n: String(n) } })) });

      const got: Array<{ key: string; value: string; n: string }> = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          got.push({ key: String(message.key), value: String(message.value), n: String(message.headers?.n) });
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      });
      await eventually(() => expect(got.map((m) => m.value).sort()).toEqual(['v1', 'v2', 'v3']), 30_000);
      expect(got.find((m) => m.key === 'k2')?.n).toBe('2');

      await consumer.disconnect();
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const total = committed[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      expect(total).toBe(3);
    } finally {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
  }, 60_000);
});
