import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelCredentials } from '@grpc/grpc-js';
import request from 'supertest';
import { GrpcIdentityFacade } from '@libs/contracts';
import { eventually, infraEnv, requiredInfra } from '@libs/testing';
import { freePort } from '../support/free-port';
import { JunctionProcess } from './junction-process';

/**
 * Junction split into three processes on loopback, against the real servers, with mTLS on every gRPC link:
 *   id      = identity, baggage      (owns the identity facade)
 *   ops     = flights, trains        (reach identity over gRPC)
 *   traffic = orders, detectors      (reach identity over gRPC)
 * It runs the cross-module scenarios that must survive the process boundary.
 */
const ROOT = join(__dirname, '..', '..');
const PASSWORD = 'correct horse battery staple 42';
const run = randomUUID().slice(0, 8);

interface Span {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

describe('split deployment: three processes, mTLS gRPC, real servers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'junction-split-'));
  const certs = join(dir, 'certs');
  let id: JunctionProcess;
  let ops: JunctionProcess;
  let traffic: JunctionProcess;
  const user = { email: `split.${run}@example.com`, userId: '', token: '' };
  const ip = `10.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}.7`;

  const spans = (name: string): Span[] => {
    const file = join(dir, `spans-${name}.jsonl`);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Span);
  };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run test:split does)');
    execFileSync('bash', [join(ROOT, 'scripts', 'certs', 'gen-dev-certs.sh'), certs], { stdio: 'ignore' });
    const infra = infraEnv();
    const needed = ['REDIS_URL', 'DATABASE_URL', 'ETCD_HOSTS', 'KAFKA_BROKERS', 'NEO4J_URL'];
    const missing = needed.filter((k) => !infra[k]);
    if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`npm run infra:up\` (REQUIRE_INFRA=${[...requiredInfra()].join(',')})`);
    const [idHttp, idGrpc, opsHttp, opsGrpc, trafficHttp, trafficGrpc] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    const common = (name: string): Record<string, string> => ({
      ...infra,
      ADAPTERS: 'real',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      GRPC_TLS_CA: join(certs, 'ca.crt'),
      GRPC_TLS_CERT: join(certs, 'server.crt'),
      GRPC_TLS_KEY: join(certs, 'server.key'),
      GRPC_ALLOW_PLAINTEXT: 'false',
      OTEL_TRACES_EXPORTER: 'file',
      OTEL_TRACES_FILE: join(dir, `spans-${name}.jsonl`),
      IDENTITY_JWT_SECRET: `split-test-secret-${run}-0123456789abcdefghij`,
      IDENTITY_REGISTRATIONS_PER_IP: '1000000', // reruns against the same Redis share the per-IP counter
      DETECTORS_DEVICE_KEY: `split-test-device-key-${run}-0123456789`,
      FLIGHTS_COLLECTOR_ENABLED: 'false',
      OPENSKY_API_URL: 'http://127.0.0.1:1/api',
      OPENSKY_TOKEN_URL: 'http://127.0.0.1:1/token',
      ORDERS_TOPIC_PREFIX: `split-${run}-`,
      ORDERS_TOGGLES_PREFIX: `junction-test/split-${run}/toggles/`,
      ORDERS_RELAY_POLL_MS: '20',
    });
    id = new JunctionProcess('id', idHttp, idGrpc, { ...common('id'), MODULES: 'identity,baggage' });
    ops = new JunctionProcess('ops', opsHttp, opsGrpc, { ...common('ops'), MODULES: 'flights,trains', IDENTITY_GRPC_URL: `127.0.0.1:${idGrpc}` });
    traffic = new JunctionProcess('traffic', trafficHttp, trafficGrpc, { ...common('traffic'), MODULES: 'orders,detectors', IDENTITY_GRPC_URL: `127.0.0.1:${idGrpc}` });
    await id.start();
    await Promise.all([ops.start(), traffic.start()]);

    const created = await request(id.url).post('/users').set('x-request-id', randomUUID()).set('x-forwarded-for', ip).send({ email: user.email, password: PASSWORD, first_name: 'Split', last_name: 'Test' });
    expect(created.status).toBe(200);
    user.userId = created.body.user.user_id;
    const session = await request(id.url).post('/auth/login').set('x-forwarded-for', ip).send({ email: user.email, password: PASSWORD }).expect(200);
    user.token = session.body.access_token;
  }, 240_000);

  afterAll(async () => {
    await Promise.all([id, ops, traffic].filter(Boolean).map((p) => p.stop()));
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const bearer = () => ({ authorization: `Bearer ${user.token}` });

  it('each process serves only its modules', async () => {
    const paths = async (p: JunctionProcess) => Object.keys((await request(p.url).get('/docs/json').expect(200)).body.paths);
    expect(await paths(id)).toEqual(expect.arrayContaining(['/users', '/auth/login']));
    expect(await paths(ops)).toEqual(expect.arrayContaining(['/interests', '/trains/tickets']));
    expect(await paths(ops)).not.toContain('/users');
    expect(await paths(traffic)).toEqual(expect.arrayContaining(['/api/orders']));
    expect(await paths(traffic)).not.toContain('/interests');
  });

  it('identity gRPC refuses a client without a certificate (mTLS)', async () => {
    const plaintext = new GrpcIdentityFacade({ address: id.grpcAddress, credentials: ChannelCredentials.createInsecure(), deadlineMs: 2000 });
    try {
      await expect(plaintext.userExists(user.email)).rejects.toMatchObject({ category: 'unavailable' });
    } finally {
      plaintext.close();
    }
  });

  it('flights verifies users through identity over gRPC: bearer token and the original email/password headers', async () => {
    await request(ops.url).get('/interests').expect(401);
    expect((await request(ops.url).get('/interests').set(bearer()).expect(200)).body).toEqual({ tracked_airports: [] });
    await request(ops.url).get('/interests').set({ email: user.email, password: PASSWORD }).expect(200);
    await request(ops.url).get('/interests').set({ email: user.email, password: 'wrong password!!' }).expect(401);
    await request(ops.url).post('/interests').set(bearer()).send({ interests: [{ airport_code: 'EDDF' }] }).expect(200);
  });

  it('trains authenticates through identity tokens', async () => {
    await request(ops.url).get('/trains/tickets').expect(401);
    await request(ops.url).get('/trains/tickets').set('authorization', 'Bearer not-a-token').expect(401);
    await request(ops.url).get('/trains/tickets').set(bearer()).expect(200);
  });

  it('orders validates users through identity: a registered user is APPROVED, an unknown one CANCELED', async () => {
    const order = async (userId: string) =>
      (await request(traffic.url).post('/api/orders').send({ value: '1000.00', user_id: userId, installment: 10, method: 'credit_card' }).expect(201)).body.id as string;
    const good = await order(user.userId);
    const unknown = await order(randomUUID());
    const status = async (orderId: string) => (await request(traffic.url).get(`/api/order/${orderId}`).expect(200)).body.status;
    await eventually(async () => expect(await status(good)).toBe('APPROVED'), 60_000, 200);
    await eventually(async () => expect(await status(unknown)).toBe('CANCELED'), 60_000, 200);
  }, 90_000);

  it('one trace spans the process boundary (HTTP into ops, gRPC into id)', async () => {
    const traceId = randomUUID().replace(/-/g, '');
    await request(ops.url).get('/interests').set(bearer()).set('traceparent', `00-${traceId}-${'a'.repeat(16)}-01`).expect(200);
    await eventually(() => {
      expect(spans('ops').some((s) => s.traceId === traceId)).toBe(true);
      expect(spans('id').some((s) => s.traceId === traceId)).toBe(true);
    }, 10_000, 200);
  });

  it('deleting a user in identity reaches flights through Kafka', async () => {
    await request(id.url).delete(`/users/${user.email}`).set('x-request-id', randomUUID()).set('x-forwarded-for', ip).send({ password: PASSWORD }).expect(204);
    await request(ops.url).get('/interests').set({ email: user.email, password: PASSWORD }).expect(401);
    // Registered again under the same email: the new account starts with no interests once the event is handled.
    await request(id.url).post('/users').set('x-request-id', randomUUID()).set('x-forwarded-for', ip).send({ email: user.email, password: PASSWORD, first_name: 'Split', last_name: 'Again' }).expect(200);
    await eventually(async () => {
      expect((await request(ops.url).get('/interests').set({ email: user.email, password: PASSWORD })).body).toEqual({ tracked_airports: [] });
    }, 60_000, 250);
  }, 90_000);

  it('with identity killed, dependent routes answer 503 problem+json, and recover when it returns', async () => {
    await id.kill();
    await eventually(async () => {
      const res = await request(ops.url).get('/interests').set({ email: user.email, password: PASSWORD });
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }, 30_000, 250);
    await id.start();
    await eventually(() => request(ops.url).get('/interests').set({ email: user.email, password: PASSWORD }).expect(200), 60_000, 500);
  }, 150_000);
});
