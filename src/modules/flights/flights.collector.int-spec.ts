/**
 * The collector against real Neo4j and the real OpenSky HTTP adapter, talking to the fake OpenSky server
 * (test/support/fake-opensky.ts). Every run uses fresh airport codes and deletes what it created.
 */
import neo4j, { Driver } from 'neo4j-driver';
import { CircuitState } from 'cockatiel';
import { ManualClock } from '@libs/kernel';
import { InMemoryIntegrationEventBus } from '@libs/messaging';
import { MetricsService, createLogger, ensureConstraints } from '@libs/platform';
import { describeWithInfra } from '@libs/testing';
import { FakeOpenSky } from '../../../test/support/fake-opensky';
import { MemoryCollectionLock } from './adapters/outbound/memory/memory-collection-lock';
import { FLIGHTS_SCHEMA, Neo4jFlightGraph } from './adapters/outbound/neo4j/neo4j-flight-graph';
import { purgeFlightsData } from './adapters/outbound/neo4j/neo4j-purge';
import { OpenSkyFlightSource } from './adapters/outbound/opensky/opensky-flight-source';
import { randomAirportCode, randomEmail } from './ports/flight-graph.contract';
import { FlightsSettings } from './application/flights-settings';
import { CallerAuthenticator, FlightsMetrics } from './application/services';
import { CollectTrafficCommand, CollectTrafficHandler } from './application/commands/collect-traffic/collect-traffic.handler';

const H = 3600;
const D = 86_400;
/** "Now" of these tests: 2026-03-10T12:00:00Z. */
const NOW = Date.UTC(2026, 2, 10, 12) / 1000;

describeWithInfra(['neo4j'], 'flights collector (Neo4j + OpenSky adapter + fake OpenSky)', (env) => {
  let driver: Driver;
  let fake: FakeOpenSky;
  const codes: string[] = [];
  const emails: string[] = [];
  const icao24s: string[] = [];
  const logger = createLogger({ level: 'silent', processName: 'test' });

  const settings: FlightsSettings = { collectionIntervalSeconds: 3600, lookbackSeconds: 3 * D, reconcileUsers: false, identity: { timeoutMs: 1000, retries: 0, breakerThreshold: 3, halfOpenMs: 100 } };

  beforeAll(async () => {
    driver = neo4j.driver(env.NEO4J_URL, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD));
    await ensureConstraints(driver, 'flights', FLIGHTS_SCHEMA);
    fake = await new FakeOpenSky().start();
  });
  afterAll(async () => {
    await purgeFlightsData(driver, { codes, emails, icao24s });
    await driver?.close();
    await fake?.stop();
  });

  function build(overrides: { dailyCredits?: number; clock?: ManualClock } = {}) {
    const clock = overrides.clock ?? new ManualClock(new Date(NOW * 1000));
    const graph = new Neo4jFlightGraph(driver);
    const source = new OpenSkyFlightSource({
      apiUrl: fake.apiUrl,
      tokenUrl: fake.tokenUrl,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      dailyCredits: overrides.dailyCredits ?? 4000,
      timeoutMs: 2000,
      retries: 2,
      breakerThreshold: 3,
      halfOpenMs: 150,
      initialBackoffMs: 5,
      clock,
    });
    const bus = new InMemoryIntegrationEventBus();
    const metrics = new FlightsMetrics(new MetricsService());
    const handler = new CollectTrafficHandler(graph, source, new MemoryCollectionLock(), clock, metrics, {} as CallerAuthenticator, settings, logger, bus);
    return { clock, graph, source, bus, handler, run: () => handler.execute(new CollectTrafficCommand('manual')) };
  }

  /** Two monitored airports A and B, an unmonitored C; flights between them in the last 3 days. */
  async function scenario() {
    const [A, B, C] = [randomAirportCode(), randomAirportCode(), randomAirportCode()];
    codes.push(A, B, C);
    const user = randomEmail();
    emails.push(user);
    const prefix = Math.random().toString(16).slice(2, 6);
    const f = (n: number, dep: string, arr: string, firstSeen: number, lastSeen: number) => {
      const icao24 = `${prefix}${n}`;
      icao24s.push(icao24);
      const flight = { icao24, callsign: `T${n}`, firstSeen, lastSeen, estDepartureAirport: dep, estArrivalAirport: arr };
      fake.flights.push(flight);
      return flight;
    };
    const flights = [
      f(1, A, B, NOW - 60 * H, NOW - 58 * H), // A→B: both monitored, fetched twice, stored once
      f(2, B, A, NOW - 30 * H, NOW - 28 * H),
      f(3, A, C, NOW - 20 * H, NOW - 18 * H),
      f(4, C, A, NOW - 10 * H, NOW - 9 * H),
      f(5, C, B, NOW - 5 * H, NOW - 4 * H),
    ];
    return { A, B, C, user, flights };
  }

  const flightNodes = async (icao24List: string[]): Promise<number> => {
    const { records } = await driver.executeQuery('MATCH (f:Flight) WHERE f.icao24 IN $list RETURN count(f) AS n', { list: icao24List });
    return (records[0].get('n') as { toNumber(): number }).toNumber();
  };

  it('stores each flight once (both airports monitored; the same window collected twice), in ≤ 2-day chunks, and publishes the traffic', async () => {
    const { A, B, user, flights } = await scenario();
    const { graph, run, bus } = build();
    await graph.saveInterests(user, [{ airportCode: A, highValue: 2 }, { airportCode: B }]);
    const published: unknown[] = [];
    bus.subscribe({ module: 'probe', eventTypes: ['flights.airport-traffic-collected.v1', 'flights.threshold-alert.v1'], handler: async (e) => void published.push(e.payload) });
    await bus.start();
    const before = fake.flightRequests().length;

    const report = await run();
    const mine = report.airports.filter((a) => a.airport_code === A || a.airport_code === B);
    expect(mine.map((a) => a.error)).toEqual([undefined, undefined]);
    const byCode = Object.fromEntries(mine.map((a) => [a.airport_code, a]));
    expect(byCode[A]).toMatchObject({ total_arrivals: 2, total_departures: 2, window_end: new Date(NOW * 1000).toISOString(), window_start: new Date((NOW - 3 * D) * 1000).toISOString() });
    expect(byCode[B]).toMatchObject({ total_arrivals: 2, total_departures: 1 });
    expect(byCode[A].new_flights + byCode[B].new_flights).toBe(5);
    expect(await flightNodes(flights.map((f) => f.icao24))).toBe(5);
    // 3 days = a 2-day chunk and a 1-day chunk, for each direction and airport; never a longer window.
    const requests = fake.flightRequests().slice(before).filter((r) => r.airport === A);
    expect(requests.map((r) => (r.end ?? 0) - (r.begin ?? 0))).toEqual([2 * D, 2 * D, D, D]);
    expect(fake.windowViolations).toBe(0);
    expect((await graph.airport(A))?.lastUpdate).toBe(NOW);

    // Thresholds: A brought 4 flights > high 2.
    await new Promise((r) => setTimeout(r, 100));
    expect(published).toEqual(
      expect.arrayContaining([
        { airport_code: A, total_arrivals: 2, total_departures: 2, window_start: new Date((NOW - 3 * D) * 1000).toISOString(), window_end: new Date(NOW * 1000).toISOString() },
        { user_email: user, airport_code: A, message: expect.stringContaining('above your high value 2') },
      ]),
    );
    await bus.stop();

    // The same window again (last_update reset): nothing new.
    await driver.executeQuery('MATCH (a:Airport) WHERE a.code IN $codes REMOVE a.last_update', { codes: [A, B] });
    const again = await run();
    expect(again.airports.filter((a) => a.airport_code === A || a.airport_code === B).map((a) => a.new_flights)).toEqual([0, 0]);
    expect(await flightNodes(flights.map((f) => f.icao24))).toBe(5);
  });

  it('opens the breaker after 3 failures, keeps last_update, and recovers on the next cycle', async () => {
    const { A, user } = await scenario();
    const { graph, source, run } = build();
    await graph.saveInterests(user, [{ airportCode: A }]);
    // Only this airport is monitored by this test's graph view? Others may be too: isolate by looking at A.
    fake.failNext = 3; // the first request and its 2 retries
    const failed = await run();
    expect(source.breakerState).toBe(CircuitState.Open);
    const first = failed.airports.find((a) => a.airport_code === A) ?? failed.airports[0];
    expect(failed.outcome).not.toBe('ok');
    expect(first.error?.code ?? 'FLIGHTS.OPENSKY_UNAVAILABLE').toBe('FLIGHTS.OPENSKY_UNAVAILABLE');
    expect((await graph.airport(A))?.lastUpdate).toBeNull();

    await new Promise((r) => setTimeout(r, 200)); // half-open
    const recovered = await run();
    expect(recovered.airports.find((a) => a.airport_code === A)).toMatchObject({ total_arrivals: 2, total_departures: 2 });
    expect(recovered.airports.find((a) => a.airport_code === A)?.error).toBeUndefined();
    expect(source.breakerState).toBe(CircuitState.Closed);
    expect((await graph.airport(A))?.lastUpdate).toBe(NOW);
  });

  it('honours 429 and its retry-after without retrying, then resumes', async () => {
    const { A, user } = await scenario();
    const { graph, run, clock } = build();
    await graph.saveInterests(user, [{ airportCode: A }]);
    fake.rateLimitNext = 120;
    const limited = await run();
    expect(limited.outcome).toBe('rate_limited');
    const sent = fake.flightRequests().length;
    expect((await run()).outcome).toBe('rate_limited');
    expect(fake.flightRequests().length).toBe(sent); // blocked locally: no request while waiting
    clock.advance(121_000);
    const resumed = await run();
    expect(resumed.airports.find((a) => a.airport_code === A)?.error).toBeUndefined();
    expect(fake.flightRequests().filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('refreshes the OAuth2 token ahead of expiry and once on a 401; keeps a daily credit budget', async () => {
    const { A, user } = await scenario();
    const clock = new ManualClock(new Date(NOW * 1000));
    const { graph, source } = build({ clock, dailyCredits: 5 });
    await graph.saveInterests(user, [{ airportCode: A }]);
    const window = { begin: NOW - 2 * D, end: NOW };
    const tokens = fake.tokensIssued;
    await source.flights('arrival', A, window); // token 1, 2 credits
    clock.advance(29.5 * 60 * 1000); // within the refresh margin of a 30-min token
    await source.flights('departure', A, window); // token 2, 4 credits
    expect(fake.tokensIssued - tokens).toBe(2);
    fake.revokeTokens();
    await expect(source.flights('arrival', A, { begin: NOW - H, end: NOW })).resolves.toEqual(expect.any(Array)); // 401 → refresh → ok, 5 credits
    expect(fake.tokensIssued - tokens).toBe(3);
    await expect(source.flights('arrival', A, { begin: NOW - H, end: NOW })).rejects.toMatchObject({ code: 'FLIGHTS.OPENSKY_BUDGET_EXHAUSTED', category: 'rate_limited' });
    await expect(source.flights('arrival', A, { begin: NOW - 3 * D, end: NOW })).rejects.toMatchObject({ code: 'FLIGHTS.OPENSKY_WINDOW_TOO_LONG' });
    expect(fake.windowViolations).toBe(0);
  });
});
