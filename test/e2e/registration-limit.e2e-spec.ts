/**
 * Issue 13, finding 5: new accounts per client IP are limited on every registration route (one budget shared by
 * `POST /users` and seed 002's `POST /api/user/register`), answered 429 problem+json with Retry-After. Memory adapters
 * by default; under `npm run test:infra` the counter lives in Redis (each test uses fresh IPs, so reruns never collide).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootForTest, BootedForTest } from '../support/boot';

const PASSWORD = 'correct horse battery staple';
const anIp = (): string => `2001:db8:5::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
const uniq = (): string => randomBytes(5).toString('hex');
const digits = (): string => String(Math.floor(1e7 + Math.random() * 8.9e7));

describe('registration limit per client IP (e2e)', () => {
  let junction: BootedForTest;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    // The low limit this suite tests, set explicitly (bootForTest raises it for every other suite).
    junction = await bootForTest({ MODULES: 'identity', TRUSTED_PROXIES: '127.0.0.1,::1', IDENTITY_REGISTRATIONS_PER_IP: '2', IDENTITY_DEMO_DATA: 'false' });
    http = request(junction.httpUrl);
  });
  afterAll(async () => junction?.close());

  const register = (ip: string) =>
    http.post('/users').set('x-forwarded-for', ip).set('x-request-id', randomUUID()).send({ email: `reg.${uniq()}@example.com`, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' });
  const registerSeed = (ip: string) => http.post('/api/user/register').set('x-forwarded-for', ip).send({ name: 'Cher Sarkisian', phone_number: `017${digits()}`, password: PASSWORD });

  it('lets one address create the configured number of accounts, then answers 429 problem+json with Retry-After on every route', async () => {
    const ip = anIp();
    expect((await register(ip)).status).toBe(200);
    expect((await registerSeed(ip)).status).toBe(201);

    const refused = await register(ip);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'IDENTITY.TOO_MANY_REGISTRATIONS', limit: 2, window_seconds: 3600 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);

    const seedRefused = await registerSeed(ip);
    expect(seedRefused.status).toBe(429);
    expect(seedRefused.body).toMatchObject({ code: 'IDENTITY.TOO_MANY_REGISTRATIONS' });
    expect(typeof seedRefused.body.error).toBe('string'); // seed 002 clients read `error`
    expect(Number(seedRefused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts each address on its own', async () => {
    const [a, b] = [anIp(), anIp()];
    expect((await register(a)).status).toBe(200);
    expect((await register(a)).status).toBe(200);
    expect((await register(a)).status).toBe(429);
    expect((await register(b)).status).toBe(200);
  });

  it('does not count a replay of a completed registration (same X-Request-ID and body)', async () => {
    const ip = anIp();
    const body = { email: `replay.${uniq()}@example.com`, password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' };
    const key = randomUUID();
    expect((await http.post('/users').set('x-forwarded-for', ip).set('x-request-id', key).send(body)).status).toBe(200);
    const replay = await http.post('/users').set('x-forwarded-for', ip).set('x-request-id', key).send(body);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await register(ip)).status).toBe(200);
  });
});
