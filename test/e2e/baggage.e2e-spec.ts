import request from 'supertest';
import { bootForTest, BootedForTest } from '../support/boot';

// baggage's REST queries over HTTP with the app booted in-process (identity + baggage, memory adapters and the demo
// data, or real ones when ADAPTERS=real). The Kafka/Redis pipeline itself is proven by the module's int-specs.
describe('baggage REST queries', () => {
  let app: BootedForTest;
  let token: string;

  beforeAll(async () => {
    app = await bootForTest({ MODULES: 'identity,baggage', BAGGAGE_CONSUMERS: 'false', BAGGAGE_WORK_PRODUCER: 'false' });
    const email = `bag-${Date.now()}@example.com`;
    await request(app.httpUrl).post('/users').set('x-request-id', `reg-${Date.now()}`).send({ email, password: 'a-long-and-unusual-passphrase-42', first_name: 'Bag', last_name: 'Tester' });
    const login = await request(app.httpUrl).post('/auth/login').send({ email, password: 'a-long-and-unusual-passphrase-42' });
    token = login.body.access_token;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string) => request(app.httpUrl).get(path).set('authorization', `Bearer ${token}`);

  it('requires an access token', async () => {
    const res = await request(app.httpUrl).get('/baggage/arrivals').expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('AUTH.TOKEN_MISSING');
  });

  it('answers 400 naming the field for bad input, never 5xx', async () => {
    expect(token).toEqual(expect.any(String));
    for (const within of ['0', '-5', 'abc', '86401', '1e3', '9999999999']) {
      const res = await get(`/baggage/arrivals?within=${within}`).expect(400);
      expect(res.body).toMatchObject({ code: 'BAGGAGE.INVALID_WITHIN', field: 'within' });
    }
    const twice = await get('/baggage/arrivals?within=1&within=2').expect(400);
    expect(twice.body.code).toBe('BAGGAGE.INVALID_WITHIN');
    // Fastify refuses path parameters over 100 characters itself (414, problem+json): still a 4xx.
    const long = await get(`/baggage/bags/${'x'.repeat(129)}`);
    expect(long.status).toBe(414);
    for (const path of ['/baggage/bags/a%20b', '/baggage/flights/%F0%9F%98%80', "/baggage/flights/x'y"]) {
      const res = await get(path).expect(400);
      expect(res.body).toMatchObject({ code: 'BAGGAGE.INVALID_ID', field: 'id' });
    }
  });

  it('answers 404 with a stable code for unknown bags and flights', async () => {
    expect((await get('/baggage/bags/BAG_nope').expect(404)).body.code).toBe('BAGGAGE.BAG_NOT_FOUND');
    expect((await get('/baggage/flights/FL_nope').expect(404)).body.code).toBe('BAGGAGE.FLIGHT_NOT_FOUND');
  });

  it('lists arrivals and reads flights and bags (memory demo data)', async () => {
    if (app.profile.adapters !== 'memory') return;
    const arrivals = await get('/baggage/arrivals?within=86400').expect(200);
    expect(arrivals.body.arrivals.length).toBeGreaterThan(0);
    const flight = await get(`/baggage/flights/${arrivals.body.arrivals[0].id}`).expect(200);
    expect(flight.body).toMatchObject({ id: arrivals.body.arrivals[0].id, departure_time: expect.any(Number), arrival_time: expect.any(Number), work_produced: false });
    const bagId = flight.body.bags[0];
    const bag = await get(`/baggage/bags/${bagId}`).expect(200);
    expect(bag.body.flights.map((f: { id: string }) => f.id)).toContain(flight.body.id);
    expect(bag.body.status.state).toEqual(expect.stringMatching(/^(awaiting-departure|in-flight|in-transfer|arrived)$/));
  });

  it('documents the routes in Swagger with their error codes', async () => {
    const doc = (await request(app.httpUrl).get('/docs/json').expect(200)).body;
    const route = doc.paths['/baggage/arrivals'].get;
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '503']));
    expect(JSON.stringify(doc.paths['/baggage/bags/{id}'])).toContain('BAGGAGE.BAG_NOT_FOUND');
  });
});
