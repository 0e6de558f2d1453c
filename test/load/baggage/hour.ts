// Load benchmark (docs/benchmarks.md "baggage"): N hours of seed 003's load (1,000 flights + 300,000 bags per hour)
// produced to unique topics, consumed by a real Junction process (ADAPTERS=real, MODULES=baggage, in this process)
// into a unique Redis key prefix; then the work producer tick is timed with 10,000 flights indexed.
// Run: set -a; . .infra/env; set +a; npx ts-node -T -r tsconfig-paths/register test/load/baggage/hour.ts --hours 1
// (`--drain 0` skips part 1 and times only the work producer tick; `--tick-seconds N` sets the simulated tick period.)
import { bootForTest } from '../../support/boot';
import { seededRandom } from '@libs/kernel';
import { generateHour } from '../../../src/modules/baggage/domain/test-data';
import { BaggageTestKit } from '../../../src/modules/baggage/testing/baggage-test-kit';
import { infraEnv } from '@libs/testing';
import { numberArg, percentile, stringArg } from '../stats';

/** BAGGAGE_CLAIM_MAX_BAGS's default: the bags one claim call computes at most. */
const CLAIM_MAX_BAGS = 10_000;

async function main(): Promise<void> {
  const hours = numberArg('hours', 1);
  const flightsPerHour = numberArg('flights-per-hour', 1000);
  const bagsPerHour = numberArg('bags-per-hour', 300_000);
  const drain = numberArg('drain', 1) !== 0;
  // Simulated time between producer ticks: BAGGAGE_TICK_MS's default (1 s) is the shape of a deployment (~0.3 flights,
  // ~170 bags due per tick at 1,000 flights an hour); `--tick-seconds 18` is a stress shape (~5 flights per tick).
  const tickSeconds = numberArg('tick-seconds', 1);
  const tickCount = numberArg('ticks', Math.round(3600 / tickSeconds)); // one hour of arrivals
  const compression = stringArg('compression', 'lz4') as 'lz4' | 'gzip' | 'none'; // BAGGAGE_WORK_COMPRESSION
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
  const publisher = new KafkaWorkPublisher(kafka, new KafkaDeadLetters(kafka), { topic: tickTopic, maxRequestBytes: 524_288, compression });
  const now = Math.floor(Date.now() / 1000);
  for (let h = 0; h < 10; h++) {
    const tickData = generateHour({ hourStart: now + h * 3600, flights: flightsPerHour, bags: bagsPerHour, random });
    for (let i = 0; i < tickData.bags.length; i += 20_000) await store.upsertBags(tickData.bags.slice(i, i + 20_000), now);
    await store.upsertFlights(tickData.flights, now);
  }
  const ticks: number[] = [];
  // Where a tick's time goes, per step (the same order as the handler's tick).
  const phases: Record<'claim' | 'publish' | 'confirm' | 'corrections' | 'counts', number[]> = { claim: [], publish: [], confirm: [], corrections: [], counts: [] };
  const timed = async <T>(phase: keyof typeof phases, step: () => Promise<T>): Promise<T> => {
    const begin = performance.now();
    const result = await step();
    phases[phase].push(performance.now() - begin);
    return result;
  };
  // A producer that starts with data already indexed first catches up on the whole window (~170 flights due in the
  // first 600 s, ~100,000 bags), in calls bounded by the bag budget; timed apart from the steady ticks below.
  const catchUp = { flights: 0, bags: 0, calls: 0, ms: 0, callMaxMs: 0 };
  for (;;) {
    const begin = performance.now();
    const items = await store.claimArrivals(now + 600, 100, now, CLAIM_MAX_BAGS);
    if (items.length === 0) break;
    const report = await publisher.publish(items);
    if (report.failed.length > 0) throw new Error(`publish failed: ${report.failed[0].reason}`);
    await store.markPublished(report.delivered);
    const ms = performance.now() - begin;
    Object.assign(catchUp, {
      flights: catchUp.flights + items.length,
      bags: catchUp.bags + items.reduce((n, i) => n + Object.keys(i.bags).length, 0),
      calls: catchUp.calls + 1,
      ms: catchUp.ms + ms,
      callMaxMs: Math.max(catchUp.callMaxMs, ms),
    });
  }
  for (let t = 0; t < tickCount; t++) {
    const at = now + t * tickSeconds;
    const begin = performance.now();
    const items = await timed('claim', () => store.claimArrivals(at + 600, 100, at, CLAIM_MAX_BAGS));
    const report = await timed('publish', () => publisher.publish(items));
    if (report.failed.length > 0) throw new Error(`publish failed: ${report.failed[0].reason}`);
    await timed('confirm', () => store.markPublished(report.delivered));
    await timed('corrections', () => store.takeCorrections(100, at));
    await timed('counts', () => store.counts());
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
        tickSeconds,
        ticks: tickCount,
        compression,
        tickCatchUp: { ...catchUp, ms: +catchUp.ms.toFixed(1), callMaxMs: +catchUp.callMaxMs.toFixed(1) },
        tickMs: summary(ticks),
        tickPhaseMs: Object.fromEntries(Object.entries(phases).map(([phase, samples]) => [phase, summary(samples)])),
      },
      null,
      2,
    )}\n`,
  );
}

function summary(samples: number[]): { p50: number; p99: number; max: number } {
  return { p50: +percentile(samples, 50).toFixed(2), p99: +percentile(samples, 99).toFixed(2), max: +Math.max(...samples).toFixed(2) };
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
