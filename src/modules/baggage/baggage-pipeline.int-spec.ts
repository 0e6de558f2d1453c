import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describeWithInfra, eventually } from '@libs/testing';
import { seededRandom } from '@libs/kernel';
import { generateHour } from './domain/test-data';
import { BaggageTestKit, expectedState } from './testing/baggage-test-kit';

const ROOT = join(__dirname, '..', '..', '..');
const TS_NODE_ARGS = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];

/** Runs src/main.ts with only baggage's consumers (real adapters) as a child process, so it can be SIGKILLed. */
function startConsumerProcess(env: Record<string, string>, extra: Record<string, string>): { child: ChildProcess; started: Promise<void>; output: () => string } {
  const child = spawn(process.execPath, [...TS_NODE_ARGS, 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      MODULES: 'baggage',
      ADAPTERS: 'real',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      IDENTITY_GRPC_URL: '127.0.0.1:1',
      BAGGAGE_WORK_PRODUCER: 'false',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c) => (out += String(c)));
  child.stderr?.on('data', (c) => (out += String(c)));
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumer did not start: ${out.slice(-2000)}`)), 60_000);
    child.stdout?.on('data', () => out.includes('baggage consumers started') && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`consumer exited ${code}: ${out.slice(-2000)}`))));
  });
  started.catch(() => undefined);
  return { child, started, output: () => out };
}

const exited = (child: ChildProcess): Promise<unknown> => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

describeWithInfra(['redis', 'kafka'], 'baggage: SIGKILL of a consumer mid-batch, restart, replay (real Kafka + Redis, child processes)', (env) => {
  const kit = new BaggageTestKit(env);
  const flightsTopic = kit.topic('flights');
  const bagsTopic = kit.topic('bags');
  const prefix = kit.prefix('kill');
  const data = generateHour({ hourStart: 4_000_000_000, flights: 100, bags: 30_000, random: seededRandom(11) });
  const base = { BAGGAGE_FLIGHTS_TOPIC: flightsTopic, BAGGAGE_BAGS_TOPIC: bagsTopic, BAGGAGE_REDIS_KEY_PREFIX: prefix, BAGGAGE_TOPIC_PARTITIONS: '3' };
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await kit.cleanup();
  }, 30_000);

  it('ends in the same Redis state as an uninterrupted run; replaying the whole topic changes nothing', async () => {
    await kit.createTopics([flightsTopic, bagsTopic, `${flightsTopic}.dlq`, `${bagsTopic}.dlq`]);
    await kit.produce(bagsTopic, data.bags.map((b) => ({ key: b.id, value: JSON.stringify({ id: b.id, flights: b.flights }) })));
    await kit.produce(flightsTopic, data.flights.map((f) => ({ key: f.id, value: JSON.stringify({ id: f.id, departure_time: f.departureTime, arrival_time: f.arrivalTime, bags: f.bags }) })));
    const group = kit.group('kill');

    // 1. A consumer is SIGKILLed while it is storing batches (some stored, not all).
    const first = startConsumerProcess(env, { ...base, BAGGAGE_CONSUMER_GROUP: group });
    children.push(first.child);
    await first.started;
    await eventually(async () => expect((await kit.counts(prefix)).bags).toBeGreaterThan(0), 30_000, 5);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = await kit.counts(prefix);
    expect(atKill.bags).toBeLessThan(data.bags.length);

    // 2. The restarted consumer (same group) resumes from the last committed offsets: redelivered batches are no-ops.
    const second = startConsumerProcess(env, { ...base, BAGGAGE_CONSUMER_GROUP: group });
    children.push(second.child);
    await second.started;
    const expected = expectedState(data.flights, data.bags);
    await eventually(async () => expect(await kit.counts(prefix)).toEqual({ flights: data.flights.length, bags: data.bags.length }), 60_000, 200);
    expect(await kit.dump(prefix)).toEqual(expected);
    second.child.kill('SIGKILL');
    await exited(second.child);

    // 3. A new group replays both topics from the beginning into the same keys: nothing changes.
    const replay = startConsumerProcess(env, { ...base, BAGGAGE_CONSUMER_GROUP: kit.group('replay') });
    children.push(replay.child);
    await replay.started;
    await eventually(
      async () => {
        const admin = kit.kafka.admin();
        await admin.connect();
        try {
          const offsets = await admin.fetchOffsets({ groupId: kit.group('replay'), topics: [flightsTopic, bagsTopic] });
          const ends = await Promise.all([flightsTopic, bagsTopic].map((t) => admin.fetchTopicOffsets(t)));
          const end = ends.flat().reduce((n, p) => n + Number(p.high), 0);
          const committed = offsets.flatMap((t) => t.partitions).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
          expect(committed).toBe(end);
        } finally {
          await admin.disconnect();
        }
      },
      60_000,
      250,
    );
    expect(await kit.dump(prefix)).toEqual(expected);
    replay.child.kill('SIGTERM');
    await exited(replay.child);
  }, 180_000);
});
