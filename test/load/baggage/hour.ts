// Load benchmark (docs/benchmarks.md "baggage"): N hours of seed 003's load (1,000 flights + 300,000 bags per hour)
// produced to unique topics, consumed by a real Junction process (ADAPTERS=real, MODULES=baggage, in this process)
// into a unique Redis key prefix; then the work producer tick is timed with 10,000 flights indexed.
// Run: set -a; . .infra/env; set +a; npx ts-node -T -r tsconfig-paths/register test/load/baggage/hour.ts --hours 1
// (`--drain 0` skips part 1 and times only the work producer tick.)
import { bootForTest } from '../../support/boot';
import { seededRandom } from '@libs/kernel';
import { generateHour } from '../../../src/modules/baggage/domain/test-data';
import { BaggageTestKit } from '../../../src/modules/baggage/testing/baggage-test-kit';
import { infraEnv } from '@libs/testing';
import { numberArg, percentile } from '../stats';

async function main(): Promise<void> {
  const hours = numberArg('hours', 1);
  const flightsPerHour = numberArg('flights-per-hour', 1000);
  const bagsPerHour = numberArg('bags-per-hour', 300_000);
  const drain = numberArg('drain', 1) !== 0;
  const env = infraEnv();
  const kit = new BaggageTestKit(env);

  const drained = drain ? await drainHours(kit, env, hours, flightsPerHour, bagsPerHour) : undefined;
  const random = seededRandom(2026);

  // 2. Work producer tick (claim, publish to Kafka, confirm, corrections, counts) with 10,000 flights indexed at the original's shape: ten hours of 1,000 flights and 300,000
  // bags each (~600 bags and a ~32 KB item per flight).
  const tickPrefix = kit.prefix('tick');
  const { RedisBaggageStore } = await import('../../../src/modules/baggage/adapters/outbound/redis/redis-baggage-store');
  const store = new RedisBaggageStore(kit.redis, tickPrefix);
  await store.loadScripts();
  const { BaggageKafka } = await import('../../../src/modules/baggage/adapters/outbound/kafka/kafka-connection');
  const { KafkaDeadLetters } = await import('../../../src/modules/baggage/adapters/outbound/kafka/kafka-dead-letters');
  const { KafkaWorkPublisher } = await import('../../../src/modules/baggage/adapters/outbound/kafka/kafka-work-publisher');
  const tickTopic = kit.topic('tick-work');
  await kit.createTopics([tickTopic, `${tickTopic}.dlq`]);
  const kafka = new BaggageKafka({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'baggage-bench' });
  const publisher = new KafkaWorkPublisher(kafka, new KafkaDeadLetters(kafka), { topic: tickTopic, maxRequestBytes: 524_288, compression: 'lz4' });
  const now = Math.floor(Date.now() / 1000);
  for (let h = 0; h < 10; h++) {
    const tickData = generateHour({ hourStart: now + h * 3600, flights: flightsPerHour, bags: bagsPerHour, random });
    for (let i = 0; i < tickData.bags.length; i += 20_000) await store.upsertBags(tickData.bags.slice(i, i + 20_000), now);
    await store.upsertFlights(tickData.flights, now);
  }
  const ticks: number[] = [];
  for (let t = 0; t < 200; t++) {
    const at = now + t * 18; // 200 ticks walk through the first hour: ~5 flights (~3,000 bags) due per tick
    const begin = performance.now();
    const items = await store.claimArrivals(at + 600, 100, at);
    const report = await publisher.publish(items);
    if (report.failed.length > 0) throw new Error(`publish failed: ${report.failed[0].reason}`);
    await store.markPublished(report.delivered);
    await store.takeCorrections(100, at);
    await store.counts();
    ticks.push(performance.now() - begin);
  }
  await kafka.close();
  await kit.cleanup();

  process.stdout.write(
    `${JSON.stringify(
      {
        hours,
        flights: hours * flightsPerHour,
        bags: hours * bagsPerHour,
        ...drained,
        tickFlightsIndexed: 10 * flightsPerHour,
        tickMs: { p50: +percentile(ticks, 50).toFixed(2), p99: +percentile(ticks, 99).toFixed(2), max: +Math.max(...ticks).toFixed(2) },
      },
      null,
      2,
    )}\n`,
  );
}

/** Part 1: produce `hours` as a backlog, then start the consumers and time until Redis holds everything. */
async function drainHours(kit: BaggageTestKit, env: Record<string, string>, hours: number, flightsPerHour: number, bagsPerHour: number) {
  const random = seededRandom(2026);
  const flightsTopic = kit.topic('flights');
  const bagsTopic = kit.topic('bags');
  const workTopic = kit.topic('work');
  const prefix = kit.prefix('load');
  await kit.createTopics([flightsTopic, bagsTopic, workTopic, `${flightsTopic}.dlq`, `${bagsTopic}.dlq`]);
  const producedAt = Date.now();
  for (let h = 0; h < hours; h++) {
    const data = generateHour({ hourStart: 4_000_000_000 + h * 3600, flights: flightsPerHour, bags: bagsPerHour, random });
    await kit.produce(bagsTopic, data.bags.map((b) => ({ key: b.id, value: JSON.stringify({ id: b.id, flights: b.flights }) })));
    await kit.produce(flightsTopic, data.flights.map((f) => ({ key: f.id, value: JSON.stringify({ id: f.id, departure_time: f.departureTime, arrival_time: f.arrivalTime, bags: f.bags }) })));
  }
  const produceSeconds = (Date.now() - producedAt) / 1000;

  const started = Date.now();
  const app = await bootForTest({
    ...env,
    ADAPTERS: 'real',
    MODULES: 'baggage',
    LOG_LEVEL: 'warn',
    IDENTITY_GRPC_URL: '127.0.0.1:1',
    BAGGAGE_FLIGHTS_TOPIC: flightsTopic,
    BAGGAGE_BAGS_TOPIC: bagsTopic,
    BAGGAGE_WORK_TOPIC: workTopic,
    BAGGAGE_CONSUMER_GROUP: kit.group('load'),
    BAGGAGE_REDIS_KEY_PREFIX: prefix,
    BAGGAGE_WORK_PRODUCER: 'false',
  });
  const bootSeconds = (Date.now() - started) / 1000;
  const lagSamples: number[] = [];
  const consumeStarted = Date.now();
  for (;;) {
    const counts = await kit.counts(prefix);
    const metrics = await (await fetch(`${app.httpUrl}/metrics`)).text();
    const lag = [...metrics.matchAll(/kafka_consumer_lag\{[^}]*group="test\.baggage\.load[^}]*\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    lagSamples.push(lag);
    if (counts.flights === hours * flightsPerHour && counts.bags === hours * bagsPerHour) break;
    if (Date.now() - consumeStarted > 600_000) throw new Error(`timed out: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const consumeSeconds = (Date.now() - consumeStarted) / 1000;
  await app.close();

  return {
    produceSeconds,
    bootSeconds,
    consumeSeconds,
    bagsPerSecond: Math.round((hours * bagsPerHour) / consumeSeconds),
    flightsPerSecond: Math.round((hours * flightsPerHour) / consumeSeconds),
    consumerLagMax: Math.max(...lagSamples),
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
