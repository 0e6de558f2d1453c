import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ManualClock, seededRandom } from '@libs/kernel';
import { MetricsService, createLogger } from '@libs/platform';
import { describeWithInfra, eventually } from '@libs/testing';
import { bootForTest } from '../support/boot';
import { BaggageKafka } from '../../src/modules/baggage/adapters/outbound/kafka/kafka-connection';
import { KafkaDeadLetters } from '../../src/modules/baggage/adapters/outbound/kafka/kafka-dead-letters';
import { KafkaWorkPublisher } from '../../src/modules/baggage/adapters/outbound/kafka/kafka-work-publisher';
import { RedisBaggageStore } from '../../src/modules/baggage/adapters/outbound/redis/redis-baggage-store';
import { BaggageMetrics } from '../../src/modules/baggage/application/baggage-metrics';
import type { BaggageSettings } from '../../src/modules/baggage/application/baggage-settings';
import { ProduceArrivingWorkHandler } from '../../src/modules/baggage/application/commands/produce-arriving-work/produce-arriving-work.handler';
import { generateHour } from '../../src/modules/baggage/domain/test-data';
import { BaggageTestKit } from '../../src/modules/baggage/testing/baggage-test-kit';

// Fault scenario (issue 18, docs/reliability.md): on the cluster profile (3 brokers, replication 3,
// min.insync.replicas 2), kill -9 the broker leading the bags topic's busiest partition while Junction drains one
// hour of seed 003's load (1,000 flights, 300,000 bags). Invariants: every bag and flight ends in Redis, and the
// work producer, running on the two surviving brokers, publishes exactly one item per flight.
const CLUSTER = join(__dirname, '..', '..', 'scripts', 'infra', 'cluster.sh');
const HOUR_START = 4_200_000_000;
const hour = generateHour({ hourStart: HOUR_START, flights: 1000, bags: 300_000, random: seededRandom(18) });

const cluster = (...args: string[]): string => execFileSync('bash', [CLUSTER, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describeWithInfra(['redis', 'kafka', 'etcd'], 'baggage on a 3-broker Kafka: the leader broker dies mid-drain', (env) => {
  const kit = new BaggageTestKit(env);
  let killed: string | undefined;

  afterAll(async () => {
    if (killed) cluster('start', killed);
    await kit.cleanup();
  }, 180_000);

  it('loses no bag or flight, and publishes exactly one work item per flight on the surviving brokers', async () => {
    expect(env.KAFKA_BROKERS.split(',')).toHaveLength(3); // the cluster profile, not the single test broker
    const topics = { flights: kit.topic('flights'), bags: kit.topic('bags'), work: kit.topic('work') };
    await kit.createTopics([topics.flights, topics.bags, topics.work, `${topics.flights}.dlq`, `${topics.bags}.dlq`, `${topics.work}.dlq`]);
    await kit.produce(topics.bags, hour.bags.map((b) => ({ key: b.id, value: JSON.stringify({ id: b.id, flights: b.flights }) })));
    await kit.produce(topics.flights, hour.flights.map((f) => ({ key: f.id, value: JSON.stringify({ id: f.id, departure_time: f.departureTime, arrival_time: f.arrivalTime, bags: f.bags }) })));

    const prefix = kit.prefix('fault');
    const app = await bootForTest({
      ...env,
      ADAPTERS: 'real',
      MODULES: 'baggage',
      LOG_LEVEL: 'warn',
      IDENTITY_GRPC_URL: '127.0.0.1:1',
      BAGGAGE_FLIGHTS_TOPIC: topics.flights,
      BAGGAGE_BAGS_TOPIC: topics.bags,
      BAGGAGE_WORK_TOPIC: topics.work,
      BAGGAGE_CONSUMER_GROUP: kit.group('fault'),
      BAGGAGE_REDIS_KEY_PREFIX: prefix,
      BAGGAGE_WORK_PRODUCER: 'false',
    });
    try {
      // Mid-drain: a quarter of the bags are in Redis.
      await eventually(async () => expect((await kit.counts(prefix)).bags).toBeGreaterThan(75_000), 120_000, 20);
      const admin = kit.kafka.admin();
      await admin.connect();
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topics.bags] })).topics;
      await admin.disconnect();
      killed = `kafka-${metadata.partitions[0].leader}`;
      const killedAt = Date.now();
      cluster('kill', killed);

      await eventually(async () => expect(await kit.counts(prefix)).toEqual({ flights: 1000, bags: 300_000 }), 240_000, 200);
      const drainRecoveryMs = Date.now() - killedAt;

      // The work producer, with one broker of three down: acks=-1 needs 2 in-sync replicas, which are left.
      const kafka = new BaggageKafka({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'baggage-fault' });
      try {
        const store = new RedisBaggageStore(kit.redis, prefix);
        await store.loadScripts();
        const settings = { claimBatch: 100, claimMaxBags: 10_000, maxFlightsPerTick: 5000, windowSeconds: 600 } as BaggageSettings;
        const publisher = new KafkaWorkPublisher(kafka, new KafkaDeadLetters(kafka), { topic: topics.work, maxRequestBytes: 524_288, compression: 'lz4' });
        const clock = new ManualClock(new Date((HOUR_START + 3600) * 1000));
        const handler = new ProduceArrivingWorkHandler(store, publisher, new BaggageMetrics(new MetricsService()), clock, settings, createLogger({ level: 'silent', processName: 'fault' }));
        const records = await kit.follow(topics.work);
        // Ticks go on until nothing is left unpublished (a tick whose sends fail leaves items for the next one).
        const ticks: Array<{ produced: number; resent: number; failed: number }> = [];
        await eventually(
          async () => {
            ticks.push(await handler.execute());
            expect(await kit.redis.zcard(`${prefix}flight:unpublished`)).toBe(0);
          },
          120_000,
          500,
        );
        const published = ticks.reduce((n, t) => n + t.produced + t.resent, 0);
        expect(published).toBe(1000);
        await eventually(() => expect(records.length).toBeGreaterThanOrEqual(1000), 60_000, 100);
        await new Promise((r) => setTimeout(r, 2000)); // a duplicate would arrive within this
        const keys = records.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(hour.flights.filter((f) => f.bags.length > 0).map((f) => f.id).sort());
        process.stdout.write(`${JSON.stringify({ scenario: 'baggage: kill -9 the bags leader mid-drain', killed, drainRecoveryMs, workItems: records.length, ticks: ticks.length })}\n`);
      } finally {
        await kafka.close();
      }
    } finally {
      await app.close();
    }
  }, 600_000);
});
