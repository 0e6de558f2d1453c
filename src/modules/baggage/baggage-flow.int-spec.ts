import { describeWithInfra, eventually } from '@libs/testing';
import { bootForTest, BootedForTest } from '../../../test/support/boot';
import { NEXT_DEPARTURE } from './domain/codes';
import { seededRandom } from '@libs/kernel';
import { generateHour } from './domain/test-data';
import { BaggageTestKit, RawRecord } from './testing/baggage-test-kit';

// Generated data, crafted scenarios and malformed messages through the real pipeline: Kafka → consumers → Lua →
// Redis → work producer (etcd-elected) → arriving_flight_work. One in-process app for the whole file.
// By default one whole generated hour of the original's load (1,000 flights, 300,000 bags: about a minute on 2
// cores); BAGGAGE_INT_BAGS=30000 runs a 1/10 slice for quick local iterations.
const BAGS = Number(process.env.BAGGAGE_INT_BAGS ?? 300_000);
const FLIGHTS = Math.max(1, Math.round(BAGS / 300));

describeWithInfra(['redis', 'kafka', 'etcd'], 'baggage pipeline (real Kafka, Redis, etcd)', (env) => {
  const kit = new BaggageTestKit(env);
  const flightsTopic = kit.topic('flights');
  const bagsTopic = kit.topic('bags');
  const workTopic = kit.topic('work');
  const prefix = kit.prefix('flow');
  let app: BootedForTest;
  let work: RawRecord[];
  const send = (topic: string, values: unknown[]) => kit.produce(topic, values.map((v) => ({ value: typeof v === 'string' ? v : JSON.stringify(v) })));

  beforeAll(async () => {
    await kit.createTopics([flightsTopic, bagsTopic, workTopic, `${flightsTopic}.dlq`, `${bagsTopic}.dlq`]);
    app = await bootForTest({
      ...env,
      ADAPTERS: 'real',
      MODULES: 'baggage',
      IDENTITY_GRPC_URL: '127.0.0.1:1',
      BAGGAGE_FLIGHTS_TOPIC: flightsTopic,
      BAGGAGE_BAGS_TOPIC: bagsTopic,
      BAGGAGE_WORK_TOPIC: workTopic,
      BAGGAGE_CONSUMER_GROUP: kit.group('flow'),
      BAGGAGE_REDIS_KEY_PREFIX: prefix,
      BAGGAGE_TICK_MS: '100',
    });
    work = await kit.follow(workTopic);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await kit.cleanup();
  }, 30_000);

  it(`stores a generated slice of the original's hour completely (${FLIGHTS} flights, ${BAGS} bags)`, async () => {
    // Far in the future, so the work producer leaves these flights alone.
    const data = generateHour({ hourStart: 4_000_000_000, flights: FLIGHTS, bags: BAGS, random: seededRandom(5) });
    const before = await kit.counts(prefix);
    const started = Date.now();
    await send(bagsTopic, data.bags.map((b) => ({ id: b.id, flights: b.flights })));
    await send(flightsTopic, data.flights.map((f) => ({ id: f.id, departure_time: f.departureTime, arrival_time: f.arrivalTime, bags: f.bags })));
    await eventually(async () => expect(await kit.counts(prefix)).toEqual({ flights: before.flights + FLIGHTS, bags: before.bags + BAGS }), 120_000, 100);
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`[baggage] ${FLIGHTS} flights + ${BAGS} bags produced and stored in ${seconds.toFixed(1)} s (${Math.round(BAGS / seconds)} bags/s)\n`);
    const random = seededRandom(9);
    for (let i = 0; i < 25; i++) {
      const b = data.bags[Math.floor(random() * data.bags.length)];
      expect(JSON.parse((await kit.redis.hget(`${prefix}bag:id:${b.id}`, 'flights')) ?? 'null')).toEqual(b.flights);
      const f = data.flights[Math.floor(random() * data.flights.length)];
      expect(await kit.redis.hgetall(`${prefix}flight:id:${f.id}`)).toEqual({ departure_time: String(f.departureTime), arrival_time: String(f.arrivalTime), bags: JSON.stringify(f.bags) });
    }
  }, 180_000);

  it('produces every code of the table, exactly one item per flight, and a corrected item for late data', async () => {
    const now = Math.floor(Date.now() / 1000);
    const s = kit.suffix;
    const id = (name: string) => `${name}_${s}`;
    const arriving = { id: id('FL_arr'), departure_time: now - 3600, arrival_time: now + 120, bags: ['unknown', 'empty', 'elsewhere', 'final', 'nextmissing', 'next', 'late'].map((b) => id(`BAG_${b}`)) };
    const second = { id: id('FL_arr2'), departure_time: now - 1800, arrival_time: now + 130, bags: [id('BAG_next')] };
    const next = { id: id('FL_next'), departure_time: now + 5400.5, arrival_time: now + 9000, bags: [id('BAG_next')] };
    const bagless = { id: id('FL_nobags'), departure_time: now - 600, arrival_time: now + 60, bags: [] };
    await send(bagsTopic, [
      { id: id('BAG_empty'), flights: [] },
      { id: id('BAG_elsewhere'), flights: [id('FL_x')] },
      { id: id('BAG_final'), flights: [id('FL_before'), arriving.id] },
      { id: id('BAG_nextmissing'), flights: [arriving.id, id('FL_missing')] },
      { id: id('BAG_next'), flights: [arriving.id, next.id] },
      { id: id('BAG_late'), flights: [arriving.id, id('FL_latecomer')] },
    ]);
    await send(flightsTopic, [next, bagless]);
    await eventually(async () => expect(await kit.redis.exists(`${prefix}flight:id:${next.id}`, `${prefix}flight:id:${bagless.id}`)).toBe(2), 20_000, 50);
    // Redelivery of the arriving flight (twice) and a second flight: still one item each.
    await send(flightsTopic, [arriving, arriving, second]);
    const ours = () => work.filter((r) => r.key === arriving.id || r.key === second.id || r.key === bagless.id);
    await eventually(() => expect(ours().length).toBeGreaterThanOrEqual(2), 20_000, 50);

    const first = ours().filter((r) => r.key === arriving.id);
    expect(first).toHaveLength(1);
    expect(first[0].headers['baggage-correction']).toBeUndefined();
    expect(JSON.parse(first[0].value ?? '')).toEqual({
      id: arriving.id,
      arrival_time: arriving.arrival_time,
      bags: {
        [id('BAG_unknown')]: NEXT_DEPARTURE.ITINERARY_UNKNOWN,
        [id('BAG_empty')]: NEXT_DEPARTURE.EMPTY_ITINERARY,
        [id('BAG_elsewhere')]: NEXT_DEPARTURE.NOT_ON_ITINERARY,
        [id('BAG_final')]: NEXT_DEPARTURE.FINAL_DESTINATION,
        [id('BAG_nextmissing')]: NEXT_DEPARTURE.NEXT_FLIGHT_UNKNOWN,
        [id('BAG_next')]: next.departure_time,
        [id('BAG_late')]: NEXT_DEPARTURE.NEXT_FLIGHT_UNKNOWN,
      },
    });

    // Late data before landing: the missing bag and the missing next leg arrive → one corrected item.
    await send(bagsTopic, [{ id: id('BAG_unknown'), flights: [arriving.id] }]);
    await send(flightsTopic, [{ id: id('FL_latecomer'), departure_time: now + 7200, arrival_time: now + 10800, bags: [id('BAG_late')] }]);
    await eventually(() => {
      const last = ours().filter((r) => r.key === arriving.id).at(-1);
      expect(last?.headers['baggage-correction']).toBe('1');
      expect(JSON.parse(last?.value ?? '{}').bags).toMatchObject({ [id('BAG_unknown')]: 0, [id('BAG_late')]: now + 7200 });
    }, 20_000, 50);

    // Exactly one first item per flight (bagless flights yield none), whatever the ticks and redeliveries.
    await new Promise((r) => setTimeout(r, 500));
    const firsts = ours().filter((r) => r.headers['baggage-correction'] === undefined);
    expect(firsts.map((r) => r.key).sort()).toEqual([arriving.id, second.id].sort());
    expect(await kit.redis.zscore(`${prefix}flight:arrived`, bagless.id)).not.toBeNull();
  }, 60_000);

  it('dead-letters malformed messages with the reason and keeps consuming', async () => {
    const dlqFlights = await kit.follow(`${flightsTopic}.dlq`);
    const dlqBags = await kit.follow(`${bagsTopic}.dlq`);
    const good = { id: `BAG_after_${kit.suffix}`, flights: [] };
    await send(bagsTopic, [
      'not json at all',
      { flights: [] },
      { id: 42, flights: [] },
      { id: 'BAG_x', flights: 'FL_1' },
      { id: 'BAG_y', flights: Array.from({ length: 10_000 }, (_, i) => `FL_${i}`) },
      good,
    ]);
    await send(flightsTopic, [{ id: 'FL_bad', departure_time: 'yesterday', arrival_time: 1, bags: [] }, { id: 'FL_huge', departure_time: 2_000_000_000, arrival_time: 2_000_000_100, bags: Array.from({ length: 6000 }, (_, i) => `B${i}`) }]);
    await eventually(async () => expect(await kit.redis.hget(`${prefix}bag:id:${good.id}`, 'flights')).toBe('[]'), 20_000, 50);
    await eventually(() => expect(dlqBags).toHaveLength(5), 20_000, 50);
    expect(dlqBags.map((r) => r.headers['dlq-reason'])).toEqual(
      expect.arrayContaining(['not JSON', 'missing id', 'id must be a string', 'flights must be an array of ids', 'flights has 10000 entries; at most 16 allowed']),
    );
    expect(dlqBags.find((r) => r.headers['dlq-reason'] === 'not JSON')).toMatchObject({ value: 'not json at all', headers: { 'dlq-source-topic': bagsTopic } });
    await eventually(() => expect(dlqFlights.map((r) => r.headers['dlq-reason']).sort()).toEqual(['bags has 6000 entries; at most 5000 allowed', 'departure_time must be a number (unix seconds)']), 20_000, 50);
    const metrics = await (await fetch(`${app.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`baggage_dead_letters_total\\{topic="${bagsTopic.replace(/\./g, '\\.')}"[^}]*\\} 5`));
    expect(metrics).toMatch(/processed_bags_total\{[^}]*\} \d+/);
  }, 60_000);
});
