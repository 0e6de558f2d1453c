/**
 * flights booted alone: identity is reached over gRPC (IDENTITY_GRPC_URL) at a tiny identity.v1 server this test
 * stops and starts. Identity down → 503 problem+json from every route that needs it; identity back → recovery.
 */
import request from 'supertest';
import { eventually } from '@libs/testing';
import { bootForTest, BootedForTest } from '../../support/boot';
import { FakeIdentity } from '../../support/fake-identity';

describe('flights when identity is down (remote facade over gRPC)', () => {
  let junction: BootedForTest;
  let identity: FakeIdentity;
  const user = { email: `outage.${Date.now()}@example.com`, password: 'pw-outage-123', token: `token-${Date.now()}` };

  beforeAll(async () => {
    identity = await new FakeIdentity().start();
    identity.users.push(user);
    junction = await bootForTest({
      MODULES: 'flights',
      IDENTITY_GRPC_URL: identity.address,
      FLIGHTS_DEMO_DATA: 'false',
      FLIGHTS_IDENTITY_RETRIES: '1',
      FLIGHTS_IDENTITY_BREAKER_THRESHOLD: '4',
      FLIGHTS_IDENTITY_HALF_OPEN_MS: '200',
      FLIGHTS_IDENTITY_TIMEOUT_MS: '1000',
    });
  });

  afterAll(async () => {
    await junction?.close();
    await identity?.stop();
  });

  it('answers with identity up, 503 problem+json while it is down, and recovers when it is back', async () => {
    const http = request(junction.httpUrl);
    const bearer = { authorization: `Bearer ${user.token}` };
    const headers = { email: user.email, password: user.password };
    await http.get('/interests').set(bearer).expect(200);
    await http.get('/interests').set(headers).expect(200);

    await identity.stop();
    for (const req of [() => http.get('/interests').set(bearer), () => http.get('/interests').set(headers), () => http.get('/alerts').set(bearer), () => http.post('/interests').set(bearer).send({ interests: [{ airport_code: 'LIRF' }] })]) {
      const res = await req();
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toMatch(/^(FLIGHTS\.IDENTITY_UNAVAILABLE|IDENTITY\.UNAVAILABLE)$/);
      expect(JSON.stringify(res.body)).not.toContain(user.password);
    }
    const metrics = await http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/circuit_breaker_state\{[^}]*policy="flights-identity"[^}]*\} [12]\b/); // not closed (0)

    await identity.start();
    await eventually(() => http.get('/interests').set(bearer).expect(200), 15_000, 250);
    await http.get('/interests').set(headers).expect(200);
  }, 30_000);
});
