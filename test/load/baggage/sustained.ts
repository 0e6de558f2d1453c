// Sustained-load benchmark (docs/benchmarks.md "baggage"): seed 003's traffic at 100x (8,300 bags/s and 1 flight per
// 300 bags) produced for N minutes while a Junction process (child, `--modules=baggage --adapters=real`, consumers
// only) stores it in Redis. Every 250 ms it samples the consumer group's committed offsets and reports the lag in
// messages and in time: the age of the oldest message produced but not yet committed (0 when caught up). Commits
// follow each stored batch, so this is an upper bound on how far Redis trails Kafka.
// Run: npm run infra:up; set -a; . .infra/env; set +a
//      npx ts-node -T -r tsconfig-paths/register test/load/baggage/sustained.ts --minutes 10 --bags-per-second 8300
import { Producer } from 'kafkajs';
import { infraEnv } from '@libs/testing';
import { seededRandom } from '@libs/kernel';
import { generateHour } from '../../../src/modules/baggage/domain/test-data';
import { BaggageTestKit, bySize } from '../../../src/modules/baggage/testing/baggage-test-kit';
import { startAppChild } from '../../support/app-child';
import { numberArg, percentile } from '../stats';

const SAMPLE_MS = 250;

/** When the n-th message (cumulative, all partitions of a topic) was acknowledged by Kafka. */
class ProducedTimeline {
  private readonly counts: number[] = [];
  private readonly times: number[] = [];

  add(total: number, at: number): void {
    this.counts.push(total);
    this.times.push(at);
  }

  get total(): number {
    return this.counts.at(-1) ?? 0;
  }

  /** Acknowledgement time of the first chunk that holds message number `n + 1` (the oldest not consumed). */
  timeOfMessage(n: number): number | undefined {
    let lo = 0;
    let hi = this.counts.length - 1;
    if (hi < 0 || n >= this.counts[hi]) return undefined;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.counts[mid] > n) hi = mid;
      else lo = mid + 1;
    }
    return this.times[lo];
  }
}

async function main(): Promise<void> {
  const minutes = numberArg('minutes', 10);
  const bagsPerSecond = numberArg('bags-per-second', 8300);
  const flightsPerSecond = Math.max(1, Math.round(bagsPerSecond / 300));
  const env = infraEnv();
  const kit = new BaggageTestKit(env);
  const flightsTopic = kit.topic('flights');
  const bagsTopic = kit.topic('bags');
  const workTopic = kit.topic('work');
  const group = kit.group('sustained');
  const prefix = kit.prefix('sustained');
  await kit.createTopics([flightsTopic, bagsTopic, workTopic, `${flightsTopic}.dlq`, `${bagsTopic}.dlq`]);

  const app = await startAppChild(['--modules=baggage', '--adapters=real'], {
    ...env,
    LOG_LEVEL: 'warn',
    IDENTITY_GRPC_URL: '127.0.0.1:1',
    BAGGAGE_FLIGHTS_TOPIC: flightsTopic,
    BAGGAGE_BAGS_TOPIC: bagsTopic,
    BAGGAGE_WORK_TOPIC: workTopic,
    BAGGAGE_CONSUMER_GROUP: group,
    BAGGAGE_REDIS_KEY_PREFIX: prefix,
    BAGGAGE_WORK_PRODUCER: 'false',
  });

  const producer: Producer = kit.kafka.producer();
  await producer.connect();
  const admin = kit.kafka.admin();
  await admin.connect();
  const produced = { [bagsTopic]: new ProducedTimeline(), [flightsTopic]: new ProducedTimeline() };
  const samples: { lagSeconds: number; lagMessages: number }[] = [];
  const random = seededRandom(8300);
  const durationMs = minutes * 60_000;
  const started = Date.now();
  let stopSampling = false;

  const consumedCount = async (topic: string): Promise<number> => {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return (offsets?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
  };
  const sampler = (async () => {
    while (!stopSampling) {
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
      const now = Date.now();
      let lagSeconds = 0;
      let lagMessages = 0;
      for (const topic of [bagsTopic, flightsTopic]) {
        const consumed = await consumedCount(topic);
        const timeline = produced[topic];
        lagMessages += Math.max(0, timeline.total - consumed);
        const oldest = timeline.timeOfMessage(consumed);
        if (oldest !== undefined) lagSeconds = Math.max(lagSeconds, (now - oldest) / 1000);
      }
      samples.push({ lagSeconds, lagMessages });
      const elapsed = (now - started) / 1000;
      process.stderr.write(`\r${elapsed.toFixed(0).padStart(4)} s / ${minutes * 60} s  produced ${produced[bagsTopic].total} bags  lag ${lagMessages} msgs, ${lagSeconds.toFixed(2)} s   `);
    }
  })();

  // Produce one second of traffic per tick (in 100 ms slices), keeping to wall-clock time.
  let second = 0;
  let behindMs = 0;
  while (Date.now() - started < durationMs) {
    const hour = generateHour({ hourStart: 4_000_000_000 + second * 60, flights: flightsPerSecond, bags: bagsPerSecond, random });
    for (let slice = 0; slice < 10; slice++) {
      const due = started + second * 1000 + slice * 100;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else behindMs = Math.max(behindMs, -wait);
      const from = Math.floor((slice * hour.bags.length) / 10);
      const to = Math.floor(((slice + 1) * hour.bags.length) / 10);
      const bags = hour.bags.slice(from, to).map((b) => ({ key: b.id, value: JSON.stringify({ id: b.id, flights: b.flights }) }));
      for (const chunk of bySize(bags)) await producer.send({ topic: bagsTopic, acks: -1, messages: chunk });
      produced[bagsTopic].add(produced[bagsTopic].total + bags.length, Date.now());
    }
    const flights = hour.flights.map((f) => ({ key: f.id, value: JSON.stringify({ id: f.id, departure_time: f.departureTime, arrival_time: f.arrivalTime, bags: f.bags }) }));
    for (const chunk of bySize(flights)) await producer.send({ topic: flightsTopic, acks: -1, messages: chunk });
    produced[flightsTopic].add(produced[flightsTopic].total + flights.length, Date.now());
    second++;
  }
  const producedSeconds = (Date.now() - started) / 1000;

  // Drain: wait until everything produced is committed (at most 2 minutes).
  const drainStarted = Date.now();
  while ((await consumedCount(bagsTopic)) < produced[bagsTopic].total || (await consumedCount(flightsTopic)) < produced[flightsTopic].total) {
    if (Date.now() - drainStarted > 120_000) throw new Error('the consumer did not catch up within 2 minutes after the run');
    await new Promise((r) => setTimeout(r, 500));
  }
  const drainSeconds = (Date.now() - drainStarted) / 1000;
  stopSampling = true;
  await sampler;
  process.stderr.write('\n');
  const counts = await kit.counts(prefix);

  app.child.kill('SIGTERM');
  await app.exited;
  await producer.disconnect();
  await admin.disconnect();
  await kit.cleanup();

  const lags = samples.map((s) => s.lagSeconds);
  const lagMessages = samples.map((s) => s.lagMessages);
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'baggage sustained',
        minutes,
        offered: { bagsPerSecond, flightsPerSecond },
        produced: { bags: produced[bagsTopic].total, flights: produced[flightsTopic].total, seconds: +producedSeconds.toFixed(1), producerBehindMaxMs: behindMs },
        achievedBagsPerSecond: Math.round(produced[bagsTopic].total / producedSeconds),
        stored: counts,
        drainSecondsAfterRun: +drainSeconds.toFixed(1),
        consumerLagSeconds: { p50: +percentile(lags, 50).toFixed(2), p99: +percentile(lags, 99).toFixed(2), max: +Math.max(...lags).toFixed(2), samples: lags.length },
        consumerLagMessages: { p50: percentile(lagMessages, 50), p99: percentile(lagMessages, 99), max: Math.max(...lagMessages) },
      },
      null,
      2,
    )}\n`,
  );
  if (counts.bags !== produced[bagsTopic].total || counts.flights !== produced[flightsTopic].total) throw new Error(`Redis holds ${JSON.stringify(counts)}, produced ${produced[bagsTopic].total} bags and ${produced[flightsTopic].total} flights`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
