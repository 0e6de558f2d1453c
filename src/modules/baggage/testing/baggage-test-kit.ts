// Test support for baggage's int-specs and load benchmark (not used by production code).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Consumer, IHeaders, Kafka, logLevel } from 'kafkajs';
import { createTopicsAndWait, topicConfig } from '@libs/platform';
import { chunkByBytes } from '../adapters/outbound/kafka/chunk-by-bytes';
import type { BagRecord, FlightRecord } from '../domain/records';

export interface RawRecord {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Unique names per run, so reruns and parallel runs never collide; `cleanup` removes them. */
export class BaggageTestKit {
  readonly suffix = randomBytes(4).toString('hex');
  readonly kafka: Kafka;
  readonly redis: Redis;
  private readonly topics = new Set<string>();
  private readonly groups = new Set<string>();
  private readonly prefixes = new Set<string>();
  private readonly consumers: Consumer[] = [];

  constructor(readonly env: Record<string, string>) {
    this.kafka = new Kafka({ clientId: 'baggage-test-kit', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    this.redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 });
  }

  topic(name: string): string {
    const t = `test.${name}.${this.suffix}`;
    this.topics.add(t);
    this.topics.add(`${t}.dlq`);
    return t;
  }

  group(name: string): string {
    const g = `test.baggage.${name}.${this.suffix}`;
    this.groups.add(g);
    return g;
  }

  prefix(name: string): string {
    const p = `test:baggage:${this.suffix}:${name}:`;
    this.prefixes.add(p);
    return p;
  }

  async createTopics(topics: string[], numPartitions = 3): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      // The broker's replication defaults: replicated on the cluster profile, single on the test broker.
      await createTopicsAndWait(admin, topics.map((topic) => topicConfig(topic, numPartitions)));
    } finally {
      await admin.disconnect();
    }
  }

  /** Every record of `topic` from the beginning, collected as it arrives. */
  async follow(topic: string): Promise<RawRecord[]> {
    const records: RawRecord[] = [];
    const consumer = this.kafka.consumer({ groupId: this.group(`follow-${this.groups.size}`), maxWaitTimeInMs: 200 });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void records.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headers(message.headers) }) });
    return records;
  }

  async produce(topic: string, messages: Array<{ key?: string; value: string }>): Promise<void> {
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      for (const chunk of bySize(messages)) await producer.send({ topic, acks: -1, messages: chunk });
    } finally {
      await producer.disconnect();
    }
  }

  /** Every key under `prefix` with its contents (hash, zset with scores, string, set), for state comparisons. */
  async dump(prefix: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
      cursor = next;
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.type(key);
      const types = ((await pipeline.exec()) ?? []).map(([, t]) => t as string);
      const reads = this.redis.pipeline();
      keys.forEach((key, i) => {
        if (types[i] === 'hash') reads.hgetall(key);
        else if (types[i] === 'zset') reads.zrange(key, 0, -1, 'WITHSCORES');
        else if (types[i] === 'set') reads.smembers(key);
        else reads.get(key);
      });
      const values = ((await reads.exec()) ?? []).map(([, v]) => v);
      keys.forEach((key, i) => (out[key.slice(prefix.length)] = types[i] === 'set' ? (values[i] as string[]).sort() : values[i]));
    } while (cursor !== '0');
    return out;
  }

  async counts(prefix: string): Promise<{ flights: number; bags: number }> {
    const [flights, bags] = await this.redis.mget(`${prefix}flight:count`, `${prefix}bag:count`);
    return { flights: Number(flights ?? 0), bags: Number(bags ?? 0) };
  }

  async cleanup(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    for (const prefix of this.prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
        cursor = next;
        if (keys.length > 0) await this.redis.unlink(...keys);
      } while (cursor !== '0');
    }
    await this.redis.quit();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const topics = [...this.topics].filter((t) => existing.has(t));
      if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
      const known = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
      const groups = [...this.groups].filter((g) => known.has(g));
      if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }
}

/** Chunks of at most ~256 KB per send (the broker refuses record batches over 1 MB). */
export const bySize = <T extends { key?: string | null; value: string }>(messages: readonly T[]): T[][] => chunkByBytes(messages, 256 * 1024, 5000);

function headers(raw: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (v !== undefined) out[k] = String(Array.isArray(v) ? v[0] : v);
  return out;
}

/** The Redis state an uninterrupted run must leave for these records (seed 003's layout under `prefix`). */
export function expectedState(flights: readonly FlightRecord[], bags: readonly BagRecord[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flights) out[`flight:id:${f.id}`] = { departure_time: String(f.departureTime), arrival_time: String(f.arrivalTime), bags: JSON.stringify(f.bags) };
  for (const b of bags) out[`bag:id:${b.id}`] = { flights: JSON.stringify(b.flights) };
  if (flights.length > 0) {
    out['flight:arrival_times'] = [...flights].sort((a, b) => a.arrivalTime - b.arrivalTime || (a.id < b.id ? -1 : 1)).flatMap((f) => [f.id, String(f.arrivalTime)]);
    out['flight:count'] = String(flights.length);
  }
  if (bags.length > 0) out['bag:count'] = String(bags.length);
  return out;
}
