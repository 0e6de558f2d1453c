/**
 * Seed 000 (Flight Data Manager): its documented demo walkthrough (docs/demo.md of the original), replayed against
 * Junction call by call: the same method, path, headers and body bytes restish sends, then the statuses and fields the
 * walkthrough shows. The original ran behind its nginx gateway; Junction's gateway (docker/gateway) forwards
 * X-Forwarded-For from a trusted proxy, so the app is booted with the test's loopback peer as that proxy.
 *
 * Where Junction differs on purpose (card data, the forced collection), the test states what the demo user sees
 * instead; docs/compatibility.md ("identity" and "flights", seed 000 rows) names this file.
 *
 * Memory adapters on purpose: the demo's fixed emails and request ids must meet an empty store.
 */
import { randomUUID } from 'node:crypto';
import { bootForTest, BootedForTest } from '../support/boot';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const NO_DATA = 'No data available yet. Monitoring cycle runs periodically (approx. every 12h). Please retry later.';

// The demo's request bodies, byte for byte as written in its walkthrough.
const user1 = `{
    "email": "test1@test.it",
    "password": "Password123!",
    "first_name": "Test1",
    "last_name": "Test",
    "card_number": "1234567812345678",
    "expiration_date": "12/30",
    "cvv": "123"
  }`;
const user2 = `{
    "email": "test2@test.it",
    "password": "Password123!",
    "first_name": "Test2",
    "last_name": "Test",
    "card_number": "1234567812345678",
    "expiration_date": "12/30",
    "cvv": "123"
  }`;
const deleteBody = '{ "password": "Password123!" }';
const interestsBody = `{
    "interests": [
      {
        "airport_code": "LICJ",
        "low_value": 2,
        "high_value": 10
      },
      {
        "airport_code": "LIRF",
        "low_value": 5,
        "high_value": 50
      }
    ]
  }`;
const demoAuth = { email: 'test2@test.it', password: 'Password123!' };

interface Reply {
  status: number;
  type: string;
  text: string;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body: parsed, headers: res.headers };
}

const json = { 'Content-Type': 'application/json' };

function expectProblem(reply: Reply, status: number, title: string, detail: string): void {
  expect({ status: reply.status, type: reply.type }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
  expect(reply.body).toMatchObject({ status, title, detail });
}

describe('seed 000 (Flight Data Manager): the demo walkthrough, unchanged', () => {
  let junction: BootedForTest;
  let base: string;
  const admin = { email: `admin.${randomUUID().slice(0, 8)}@example.com`, password: 'an admin passphrase for the compat run' };
  let registered1: Reply;

  beforeAll(async () => {
    junction = await bootForTest({ ADAPTERS: 'memory', MODULES: 'identity,flights', TRUSTED_PROXIES: '127.0.0.1,::1', IDENTITY_ADMIN_EMAILS: admin.email, FLIGHTS_DEMO_DATA: 'false' });
    base = junction.httpUrl;
  });

  afterAll(async () => {
    await junction?.close();
  });

  describe('2. user registration', () => {
    it('A. registers Test1 with X-Request-ID 101: 200 {user: {email, first_name, last_name, registered_at}}; the card fields are dropped and the response says so', async () => {
      registered1 = await call(base, 'POST', '/users', { ...json, 'X-Request-ID': '101' }, user1);
      expect(registered1.status).toBe(200);
      expect(registered1.type).toContain('application/json');
      const user = registered1.body.user as Record<string, unknown>;
      expect(user).toMatchObject({ email: 'test1@test.it', first_name: 'Test1', last_name: 'Test', registered_at: expect.stringMatching(RFC3339) });
      // Never stored, never echoed: no card_details, no password_hash, none of the card values anywhere in the answer.
      expect(Object.keys(user).sort()).toEqual(['email', 'first_name', 'last_name', 'phone_number', 'registered_at', 'user_id']);
      for (const value of ['1234567812345678', '12/30', 'Password123!']) expect(registered1.text).not.toContain(value);
      expect(registered1.body.ignored_fields).toEqual(['card_number', 'expiration_date', 'cvv']);
      expect(registered1.body.notice).toBe('Payment card data is not stored: card_number, expiration_date, cvv were discarded');
    });

    it('A again. "if we run the command again, the result will not change": the stored response, byte for byte', async () => {
      const again = await call(base, 'POST', '/users', { ...json, 'X-Request-ID': '101' }, user1);
      expect(again.status).toBe(200);
      expect(again.text).toBe(registered1.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });

    it('B. registers Test2 with X-Request-ID 102: 200 {user}', async () => {
      const res = await call(base, 'POST', '/users', { ...json, 'X-Request-ID': '102' }, user2);
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email: 'test2@test.it', first_name: 'Test2', last_name: 'Test', registered_at: expect.stringMatching(RFC3339) });
    });

    it('C. the same user with another request id (103): 409 problem+json "User already exists"', async () => {
      expectProblem(await call(base, 'POST', '/users', { ...json, 'X-Request-ID': '103' }, user2), 409, 'Conflict', 'User already exists');
    });

    it('D. the same request id (102) from another address (X-Forwarded-For: 1.2.3.4, through the gateway): 409 "User already exists"', async () => {
      expectProblem(await call(base, 'POST', '/users', { ...json, 'X-Request-ID': '102', 'X-Forwarded-For': '1.2.3.4' }, user2), 409, 'Conflict', 'User already exists');
    });
  });

  describe('3. user deletion', () => {
    it('A. deletes Test1 with the right password (X-Request-ID 104): 204, and the same again: 204', async () => {
      const deleted = await call(base, 'DELETE', '/users/test1@test.it', { ...json, 'X-Request-ID': '104' }, deleteBody);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      const again = await call(base, 'DELETE', '/users/test1@test.it', { ...json, 'X-Request-ID': '104' }, deleteBody);
      expect(again.status).toBe(204);
    });

    it('B. a user that does not exist (X-Request-ID 105): 404 problem+json "User not found"', async () => {
      expectProblem(await call(base, 'DELETE', '/users/test1@test.it', { ...json, 'X-Request-ID': '105' }, deleteBody), 404, 'Not Found', 'User not found');
    });

    it('C. a wrong password (X-Request-ID 106): 401 problem+json "Invalid password"', async () => {
      expectProblem(await call(base, 'DELETE', '/users/test2@test.it', { ...json, 'X-Request-ID': '106' }, '{ "password": "pippo" }'), 401, 'Unauthorized', 'Invalid password');
    });
  });

  describe('4. setting interests, then the data', () => {
    it('sets LICJ and LIRF for test2 with the email/password headers: 200 {message: "Interests updated successfully"}', async () => {
      const res = await call(base, 'POST', '/interests', { ...json, email: demoAuth.email, password: demoAuth.password }, interestsBody);
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/json');
      expect(res.body).toEqual({ message: 'Interests updated successfully' });
      const listed = await call(base, 'GET', '/interests', demoAuth);
      expect(listed.body).toEqual({ tracked_airports: [{ airport_code: 'LICJ', low_value: 2, high_value: 10 }, { airport_code: 'LIRF', low_value: 5, high_value: 50 }] });
    });

    it("answers the original's texts before the first collection and for bad credentials", async () => {
      expectProblem(await call(base, 'GET', '/airports/LIRF/flights', demoAuth), 404, 'Not Found', NO_DATA);
      expectProblem(await call(base, 'GET', '/airports/LIRF/flights', { email: demoAuth.email, password: 'pippo' }), 401, 'Unauthorized', 'Invalid credentials or unauthorized access');
    });

    it('"restart the data-collector" is POST /collector/runs in Junction (an admin action); then {flights}, {flight} and the average, departures by default', async () => {
      // Not in the demo: an admin account forces the collection the demo got by restarting the container.
      expect((await call(base, 'POST', '/users', { ...json, 'X-Request-ID': 'compat-admin' }, JSON.stringify({ ...admin, first_name: 'Admin', last_name: 'Compat' }))).status).toBe(200);
      const login = await call(base, 'POST', '/auth/login', json, JSON.stringify(admin));
      const run = await call(base, 'POST', '/collector/runs', { authorization: `Bearer ${String(login.body.access_token)}` });
      expect(run.status).toBe(200);

      const list = await call(base, 'GET', '/airports/LIRF/flights', demoAuth);
      expect(list.status).toBe(200);
      const flights = list.body.flights as Array<Record<string, unknown>>;
      expect(flights.length).toBeGreaterThan(0);
      expect(flights.length).toBeLessThanOrEqual(10);
      for (const f of flights) {
        expect(f).toEqual({
          icao24: expect.any(String),
          callsign: expect.any(String),
          firstSeen: expect.stringMatching(RFC3339),
          lastSeen: expect.stringMatching(RFC3339),
          estDepartureAirport: 'LIRF',
          estArrivalAirport: expect.any(String),
          type: 'departure',
        });
      }
      const firstSeen = flights.map((f) => Date.parse(String(f.firstSeen)));
      expect([...firstSeen].sort((a, b) => b - a)).toEqual(firstSeen);

      const last = await call(base, 'GET', '/airports/LIRF/flights/last', demoAuth);
      expect(last.status).toBe(200);
      expect(last.body).toEqual({ flight: flights[0] });
      const lastArrival = await call(base, 'GET', '/airports/lirf/flights/last?direction=arrival', demoAuth);
      expect(lastArrival.body.flight).toMatchObject({ estArrivalAirport: 'LIRF', type: 'arrival' });

      const average = await call(base, 'GET', '/airports/LIRF/stats/average', demoAuth);
      expect(average.status).toBe(200);
      expect(average.body).toMatchObject({ airport: 'LIRF', direction: 'departure', average_daily_flights: expect.any(Number) });
      const departures = (await call(base, 'GET', '/airports/LIRF/stats/average?direction=departure', demoAuth)).body;
      expect(average.body).toEqual(departures);
    });
  });
});

describe('seed 000 without a trusted gateway in front', () => {
  let junction: BootedForTest;

  beforeAll(async () => {
    junction = await bootForTest({ ADAPTERS: 'memory', MODULES: 'identity', TRUSTED_PROXIES: '' });
  });

  afterAll(async () => {
    await junction?.close();
  });

  it("step 2.D's X-Forwarded-For is not believed from an untrusted peer: the same id and body replay step B's 200 (no second user)", async () => {
    const first = await call(junction.httpUrl, 'POST', '/users', { ...json, 'X-Request-ID': '102' }, user2);
    expect(first.status).toBe(200);
    const spoofed = await call(junction.httpUrl, 'POST', '/users', { ...json, 'X-Request-ID': '102', 'X-Forwarded-For': '1.2.3.4' }, user2);
    expect(spoofed.status).toBe(200);
    expect(spoofed.text).toBe(first.text);
    expect(spoofed.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('seed 000 data in memory mode (no OpenSky credentials)', () => {
  let junction: BootedForTest;

  beforeAll(async () => {
    junction = await bootForTest({ ADAPTERS: 'memory', MODULES: 'identity,flights', FLIGHTS_DEMO_DATA: 'true', IDENTITY_DEMO_DATA: 'true' });
  });

  afterAll(async () => {
    await junction?.close();
  });

  it('memory mode: demo@junction.dev tracks LIRF and EGLL', async () => {
    const listed = await call(junction.httpUrl, 'GET', '/interests', { email: 'demo@junction.dev', password: 'junction-demo-password' });
    expect(listed.status).toBe(200);
    expect((listed.body.tracked_airports as Array<{ airport_code: string }>).map((i) => i.airport_code).sort()).toEqual(['EGLL', 'LIRF']);
  });
});
