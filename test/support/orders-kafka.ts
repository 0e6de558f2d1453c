import { Kafka, logLevel } from 'kafkajs';
import { infraEnv } from '@libs/testing';

/** Deletes the saga topics and consumer groups a test run created under its prefix. */
export async function cleanUpOrdersKafka(prefix: string): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? infraEnv().KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0 || !prefix) return;
  const admin = new Kafka({ clientId: 'orders-test-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
