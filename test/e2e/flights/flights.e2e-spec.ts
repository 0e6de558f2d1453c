/**
 * flights over HTTP, end to end, with identity in the same process and the real OpenSky adapter talking to the fake
 * OpenSky server. Memory adapters by default; Neo4j, Kafka, etcd (and identity's PostgreSQL/Redis) with ADAPTERS=real.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually } from '@libs/testing';
import { bootForTest, BootedForTest } from '../../support/boot';
import { FakeOpenSky } from '../../support/fake-opensky';

const PASSWORD = 'correct horse battery staple';
const H = 3600;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const code = (): string => `Q${[...randomBytes(3)].map((b) => LETTERS[b % 26]).join('')}`;
const anIp = (): string => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

describe('flights over HTTP', () => {
  let junction: BootedForTest;
  let http: ReturnType<typeof request>;
  let fake: FakeOpenSky;
  const [A, B, C] = [code(), code(), code()];
  const uniq = randomBytes(4).toString('hex');
  const ada = { email: `ada.${uniq}@example.com`, token: '' };
  const bob = { email: `bob.${uniq}@example.com`, token: '' };
  const admin = { email: `root.${uniq}@example.com`, token: '' };
  const now = Math.floor(Date.now() / 1000);
  const prefix = randomBytes(2).toString('hex');
  const flight = (n: number, dep: string, arr: string, firstSeen: number, lastSeen: number) => ({ icao24: `${prefix}${n}`, callsign: `JCT${n}`, firstSeen, lastSeen, estDepartureAirport: dep, estArrivalAirport: arr });
  const flights = [
    flight(1, A, B, now - 50 * H, now - 48 * H),
    flight(2, B, A, now - 30 * H, now - 28 * H),
    flight(3, A, C, now - 20 * H, now - 18 * H),
    flight(4, C, A, now - 10 * H, now - 9 * H),
    flight(5, A, B, now - 5 * H, now - 3 * H),
  ];
  const as = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });
  const problem = (res: request.Response, status: number, codeName: string): void => {
    expect({ status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({ status, type: expect.stringContaining('application/problem+json'), code: codeName });
  };

  async function signUp(user: { email: string; token: string }): Promise<void> {
    const ip = anIp();
    const created = await http.post('/users').set('x-request-id', randomUUID()).set('x-forwarded-for', ip).send({ email: user.email, password: PASSWORD, first_name: 'Test', last_name: 'User' });
    expect(created.status).toBe(200);
    const session = await http.post('/auth/login').set('x-forwarded-for', ip).send({ email: user.email, password: PASSWORD });
    expect(session.status).toBe(200);
    user.token = session.body.access_token;
  }

  beforeAll(async () => {
    fake = await new FakeOpenSky().start();
    fake.flights.push(...flights);
    junction = await bootForTest({
      MODULES: 'identity,flights',
      TRUSTED_PROXIES: '127.0.0.1,::1',
      IDENTITY_ADMIN_EMAILS: admin.email,
      FLIGHTS_SOURCE: 'opensky',
      FLIGHTS_COLLECTION_LOOKBACK: '3d',
      FLIGHTS_DEMO_DATA: 'false',
      ...fake.env(),
    });
    http = request(junction.httpUrl);
    await Promise.all([signUp(ada), signUp(bob), signUp(admin)]);
  });

  afterAll(async () => {
    // Leave nothing monitored behind in a shared Neo4j: the users' interests go.
    for (const user of [ada, bob]) for (const c of [A, B]) await http?.delete(`/interests/${c}`).set(as(user));
    await junction?.close();
    await fake?.stop();
  });

  describe('authentication', () => {
    it('needs a bearer token or the email/password headers (401 problem otherwise)', async () => {
      problem(await http.get('/interests'), 401, 'FLIGHTS.UNAUTHENTICATED');
      problem(await http.get('/interests').set('authorization', 'Bearer nope'), 401, 'FLIGHTS.UNAUTHENTICATED');
      problem(await http.get('/interests').set({ email: ada.email, password: 'wrong password!' }), 401, 'FLIGHTS.INVALID_CREDENTIALS');
      expect((await http.get('/interests').set({ email: ` ${ada.email.toUpperCase()}`, password: PASSWORD })).body).toEqual({ tracked_airports: [] });
      expect((await http.get('/interests').set(as(ada))).status).toBe(200);
    });
  });

  describe('interests', () => {
    it.each([
      [{ interests: [{ airport_code: 'ROMA1' }] }, 400, 'FLIGHTS.INVALID_AIRPORT_CODE'],
      [{ interests: [{ airport_code: 'LIR' }] }, 400, 'FLIGHTS.INVALID_AIRPORT_CODE'],
      [{ interests: [{ airport_code: 42 }] }, 400, 'FLIGHTS.INVALID_AIRPORT_CODE'],
      [{ interests: [] }, 400, 'FLIGHTS.INVALID_REQUEST'],
      [{ interests: 'LIRF' }, 400, 'FLIGHTS.INVALID_REQUEST'],
      [{}, 400, 'FLIGHTS.INVALID_REQUEST'],
      [[{ airport_code: 'LIRF' }], 400, 'FLIGHTS.INVALID_REQUEST'],
      [{ interests: [{ airport_code: 'LIRF', low_value: -1 }] }, 400, 'FLIGHTS.INVALID_THRESHOLD'],
      [{ interests: [{ airport_code: 'LIRF', high_value: 2.5 }] }, 400, 'FLIGHTS.INVALID_THRESHOLD'],
      [{ interests: [{ airport_code: 'LIRF', low_value: '1' }] }, 400, 'FLIGHTS.INVALID_THRESHOLD'],
      [{ interests: [{ airport_code: 'LIRF', low_value: 10, high_value: 10 }] }, 422, 'FLIGHTS.THRESHOLDS_OUT_OF_ORDER'],
    ])('rejects %j with %i %s (never 500)', async (body, status, codeName) => {
      problem(await http.post('/interests').set(as(ada)).send(body as object), status, codeName);
    });

    it('saves interests (codes trimmed and uppercased) and lists them', async () => {
      const saved = await http.post('/interests').set(as(ada)).send({ interests: [{ airport_code: ` ${A.toLowerCase()} `, high_value: 2 }, { airport_code: B }] });
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ message: 'Interests updated successfully' });
      await http.post('/interests').set(as(bob)).send({ interests: [{ airport_code: B, low_value: 10 }] }).expect(200);
      expect((await http.get('/interests').set(as(ada))).body).toEqual({ tracked_airports: [{ airport_code: A, high_value: 2 }, { airport_code: B }].sort((x, y) => x.airport_code.localeCompare(y.airport_code)) });
    });

    it('answers 403 for an airport the caller does not track and 404 before the first collection', async () => {
      problem(await http.get(`/airports/${C}/flights`).set(as(ada)), 403, 'FLIGHTS.AIRPORT_NOT_TRACKED');
      const res = await http.get(`/airports/${A}/flights`).set(as(ada));
      problem(res, 404, 'FLIGHTS.NO_DATA_YET');
      expect(res.body.detail).toBe('No data available yet. Monitoring cycle runs periodically (approx. every 12h). Please retry later.');
      problem(await http.get('/airports/LIR1/flights').set(as(ada)), 400, 'FLIGHTS.INVALID_AIRPORT_CODE');
    });
  });

  describe('collection and statistics', () => {
    it('lets only admins force a collection', async () => {
      problem(await http.post('/collector/runs').set(as(ada)), 403, 'FLIGHTS.ADMIN_ONLY');
      problem(await http.post('/collector/runs').set({ email: admin.email, password: PASSWORD }), 403, 'FLIGHTS.ADMIN_ONLY');
    });

    it('collects each flight once, though A and B are both monitored', async () => {
      const res = await http.post('/collector/runs').set(as(admin));
      expect(res.status).toBe(200);
      const mine = (res.body.airports as Array<Record<string, unknown>>).filter((a) => a.airport_code === A || a.airport_code === B);
      expect(mine.map((a) => a.error)).toEqual([undefined, undefined]);
      expect(mine.reduce((sum, a) => sum + (a.new_flights as number), 0)).toBe(5);
      const byCode = Object.fromEntries(mine.map((a) => [a.airport_code, a]));
      expect(byCode[A]).toMatchObject({ total_arrivals: 2, total_departures: 3 });
      expect(byCode[B]).toMatchObject({ total_arrivals: 2, total_departures: 1 });
      expect(fake.windowViolations).toBe(0);
      // Again right away: nothing new.
      const again = await http.post('/collector/runs').set(as(admin)).expect(200);
      expect((again.body.airports as Array<Record<string, unknown>>).filter((a) => a.airport_code === A || a.airport_code === B).map((a) => a.new_flights)).toEqual([0, 0]);
    });

    it('lists flights newest first, honouring direction, with a case-insensitive code', async () => {
      const arrivals = await http.get(`/airports/${A.toLowerCase()}/flights?direction=arrival`).set(as(ada)).expect(200);
      expect(arrivals.body.flights.map((f: { icao24: string }) => f.icao24)).toEqual([flights[3].icao24, flights[1].icao24]);
      expect(arrivals.body.flights[0]).toEqual({
        icao24: flights[3].icao24,
        callsign: 'JCT4',
        firstSeen: new Date(flights[3].firstSeen * 1000).toISOString().replace('.000Z', 'Z'),
        lastSeen: new Date(flights[3].lastSeen * 1000).toISOString().replace('.000Z', 'Z'),
        estDepartureAirport: C,
        estArrivalAirport: A,
        type: 'arrival',
      });
      const departures = await http.get(`/airports/${A}/flights?direction=departure&limit=2`).set(as(ada)).expect(200);
      expect(departures.body.flights.map((f: { icao24: string }) => f.icao24)).toEqual([flights[4].icao24, flights[2].icao24]);
      const last = await http.get(`/airports/${A}/flights/last?direction=departure`).set(as(ada)).expect(200);
      expect(last.body.flight).toMatchObject({ icao24: flights[4].icao24, type: 'departure' });
      problem(await http.get(`/airports/${A}/flights?direction=sideways`).set(as(ada)), 400, 'FLIGHTS.INVALID_DIRECTION');
      problem(await http.get(`/airports/${A}/flights?limit=0`).set(as(ada)), 400, 'FLIGHTS.INVALID_LIMIT');
    });

    it('computes averages by hand-checked counts (departures by firstSeen, arrivals by lastSeen)', async () => {
      const avg = async (direction: string, days: number) => (await http.get(`/airports/${A}/stats/average?direction=${direction}&days=${days}`).set(as(ada)).expect(200)).body;
      expect(await avg('departure', 1)).toEqual({ airport: A, direction: 'departure', days: 1, average_daily_flights: 2 });
      expect(await avg('arrival', 2)).toEqual({ airport: A, direction: 'arrival', days: 2, average_daily_flights: 1 });
      expect(await avg('departure', 3)).toEqual({ airport: A, direction: 'departure', days: 3, average_daily_flights: 1 });
      expect(await avg('arrival', 1)).toEqual({ airport: A, direction: 'arrival', days: 1, average_daily_flights: 1 });
      for (const days of ['0', '366', 'x', '1.5']) problem(await http.get(`/airports/${A}/stats/average?days=${days}`).set(as(ada)), 400, 'FLIGHTS.INVALID_DAYS');
    });

    it('finds top routes and busiest hours', async () => {
      const routes = await http.get(`/airports/${A}/stats/top-routes?days=3`).set(as(ada)).expect(200);
      const ones = [
        { departure: A, arrival: C, flights: 1 },
        { departure: B, arrival: A, flights: 1 },
        { departure: C, arrival: A, flights: 1 },
      ].sort((x, y) => x.departure.localeCompare(y.departure) || x.arrival.localeCompare(y.arrival));
      expect(routes.body).toEqual({ airport: A, days: 3, routes: [{ departure: A, arrival: B, flights: 2 }, ...ones] });
      const hours = await http.get(`/airports/${A}/stats/busiest-hours?direction=departure&days=3`).set(as(ada)).expect(200);
      expect(hours.body.hours.reduce((s: number, h: { flights: number }) => s + h.flights, 0)).toBe(3);
      expect(hours.body.hours[0].hour).toEqual(expect.any(Number));
    });

    it('answers an empty list (200 {flights: []}) for a collected airport without flights, and 404 FLIGHTS.NO_FLIGHT for its last one', async () => {
      const D = code();
      await http.post('/interests').set(as(ada)).send({ interests: [{ airport_code: D }] }).expect(200);
      try {
        await http.post('/collector/runs').set(as(admin)).expect(200);
        expect((await http.get(`/airports/${D}/flights`).set(as(ada)).expect(200)).body).toEqual({ flights: [] });
        problem(await http.get(`/airports/${D}/flights/last?direction=arrival`).set(as(ada)), 404, 'FLIGHTS.NO_FLIGHT');
      } finally {
        await http.delete(`/interests/${D}`).set(as(ada)).expect(200);
      }
    });

    it('raises threshold alerts for the users whose bounds were crossed (GET /alerts)', async () => {
      // ada: A had 5 flights > high 2; bob: B had 3 flights < low 10.
      const adaAlerts = await eventually(async () => {
        const res = await http.get('/alerts').set(as(ada)).expect(200);
        expect(res.body.length).toBeGreaterThanOrEqual(1);
        return res.body;
      }, 20_000, 200);
      expect(adaAlerts[0]).toMatchObject({ airport_code: A, message: expect.stringContaining('above your high value 2') });
      await eventually(async () => expect((await http.get('/alerts').set(as(bob))).body[0]).toMatchObject({ airport_code: B, message: expect.stringContaining('below your low value 10') }), 20_000, 200);
    });

    it('removes one interest (404 when there is none)', async () => {
      await http.delete(`/interests/${B.toLowerCase()}`).set(as(ada)).expect(200);
      problem(await http.delete(`/interests/${B}`).set(as(ada)), 404, 'FLIGHTS.INTEREST_NOT_FOUND');
      expect((await http.get('/interests').set(as(ada))).body.tracked_airports).toEqual([{ airport_code: A, high_value: 2 }]);
    });
  });

  describe('a user deleted in identity', () => {
    it('loses their interests in flights (identity.user-deleted.v1)', async () => {
      const carol = { email: `carol.${uniq}@example.com`, token: '' };
      await signUp(carol);
      await http.post('/interests').set(as(carol)).send({ interests: [{ airport_code: A }] }).expect(200);
      await http.delete(`/users/${carol.email}`).set('x-request-id', randomUUID()).send({ password: PASSWORD }).expect(204);
      // Registered again under the same email: the new account starts with no interests once the event is handled.
      await eventually(async () => {
        const again = { ...carol };
        if (!again.token || (await http.get('/interests').set(as(again))).status === 401) {
          const ip = anIp();
          await http.post('/users').set('x-request-id', randomUUID()).set('x-forwarded-for', ip).send({ email: carol.email, password: PASSWORD, first_name: 'C', last_name: 'D' });
          const s = await http.post('/auth/login').set('x-forwarded-for', ip).send({ email: carol.email, password: PASSWORD });
          carol.token = s.body.access_token;
        }
        expect((await http.get('/interests').set(as(carol))).body).toEqual({ tracked_airports: [] });
      }, 30_000, 250);
    });
  });
});
