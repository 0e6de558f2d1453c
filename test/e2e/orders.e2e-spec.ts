import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually } from '@libs/testing';
import { FeatureToggles } from '../../src/modules/orders/application/feature-toggles';
import { SagaBroker } from '../../src/modules/orders/ports/saga-broker';
import { BootedForTest, bootForTest } from '../support/boot';
import { FakeUserApi, startFakeUserApi } from '../support/fake-user-api';
import { cleanUpOrdersKafka } from '../support/orders-kafka';

// Runs on memory adapters by default and on real PostgreSQL + Kafka + etcd under `npm run test:infra` (ADAPTERS=real).
const REAL = process.env.ADAPTERS === 'real';
const PREFIX = `e2e-${randomUUID().slice(0, 8)}-`;
jest.setTimeout(60_000);

describe(`orders (${REAL ? 'real Kafka + PostgreSQL + etcd' : 'memory adapters'})`, () => {
  let junction: BootedForTest;
  let userApi: FakeUserApi;
  let http: ReturnType<typeof request>;

  const createOrder = (fields: Record<string, string>, as: 'form' | 'json' | 'multipart' = 'form'): request.Test => {
    const req = request(junction.httpUrl).post('/api/orders');
    if (as === 'json') return req.send(fields);
    if (as === 'multipart') {
      let r = req;
      for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
      return r;
    }
    return req.type('form').send(fields);
  };
  const statusOf = async (id: string) => (await request(junction.httpUrl).get(`/api/order/${id}`).expect(200)).body.status as string;
  const settled = (id: string, timeoutMs = 5000) =>
    eventually(async () => {
      const status = await statusOf(id);
      if (status === 'PROCESSING') throw new Error(`order ${id} still PROCESSING`);
      return status;
    }, timeoutMs, 10);
  const steps = async (id: string) => ((await request(junction.httpUrl).get(`/api/order/${id}/events`).expect(200)).body.events as Array<{ event: string; message: string; status: string }>);

  beforeAll(async () => {
    userApi = await startFakeUserApi();
    junction = await bootForTest({
      MODULES: 'orders,identity',
      ORDERS_USER_STATUS: 'http',
      USERAPI_BASEURL: userApi.baseUrl,
      ORDERS_USERAPI_TIMEOUT_MS: '300',
      ORDERS_USERAPI_RETRIES: '1',
      ORDERS_USERAPI_HALF_OPEN_MS: '200',
      ORDERS_TOPIC_PREFIX: PREFIX,
      ORDERS_TOGGLES_PREFIX: `junction-test/${PREFIX}toggles/`,
      ORDERS_KAFKA_PARTITIONS: '2',
      ORDERS_RELAY_POLL_MS: '20',
      LOG_LEVEL: 'warn',
    });
    http = request(junction.httpUrl);
    // Warm-up: with real Kafka the consumer groups join once; later orders must settle within a second.
    const warm = await createOrder({ value: '1.00', user_id: `warm-${PREFIX}`, installment: '1', method: 'cash' });
    await settled(warm.body.id, 30_000);
  });

  afterAll(async () => {
    await junction?.close();
    await userApi?.close();
    if (REAL) await cleanUpOrdersKafka(PREFIX);
  });

  it('creates a valid order as PROCESSING and approves it within 1 s (form-urlencoded, the original clients)', async () => {
    const user = `user-${randomUUID()}`;
    const started = Date.now();
    const res = await createOrder({ value: '1000.00', user_id: user, installment: '10', method: 'credit_card' }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), value: '1000', user_id: user, installment: 10, status: 'PROCESSING', method: 'credit_card' });
    expect(await settled(res.body.id, 1000)).toBe('APPROVED');
    expect(Date.now() - started).toBeLessThan(1500);
    const order = await http.get(`/api/order/${res.body.id}`).expect(200);
    expect(order.body).toEqual({ ...res.body, status: 'APPROVED' });
    expect((await steps(res.body.id)).map((s) => s.event)).toEqual(['start_event', expect.stringMatching(/^result_validate_/), expect.stringMatching(/^result_validate_/)]);
  });

  it('cancels an order above the balance limit with "Balance is invalid." and compensates the passed user check', async () => {
    const res = await createOrder({ value: '1000000.00', user_id: `user-${randomUUID()}`, installment: '1', method: 'debit_card' }, 'json').expect(201);
    expect(res.body.value).toBe('1000000');
    expect(await settled(res.body.id)).toBe('CANCELED');
    const log = await steps(res.body.id);
    expect(log.map((s) => s.message)).toContain('Balance is invalid.');
    const events = log.map((s) => s.event);
    expect(events[0]).toBe('start_event');
    expect(events.slice(1, 3).sort()).toEqual(['result_validate_balance', 'result_validate_user_status']);
    expect(events.slice(3)).toEqual(['compensation_started', 'compensation_validate_user_status']);
    expect(log[log.length - 1].status).toBe('CANCELED');
  });

  it('cancels an order of an invalid user (multipart body)', async () => {
    const res = await createOrder({ value: '1500.50', user_id: `invalid-${randomUUID()}`, installment: '1', method: 'transfer' }, 'multipart').expect(201);
    expect(res.body.value).toBe('1500.5');
    expect(await settled(res.body.id)).toBe('CANCELED');
    expect((await steps(res.body.id)).map((s) => s.message)).toContain('User is invalid.');
  });

  it('answers 400 {error} for an unknown method/installment pair', async () => {
    for (const [method, installment] of [['credit_card', '13'], ['debit_card', '2'], ['bitcoin', '1']]) {
      const res = await createOrder({ value: '10.00', user_id: 'u', installment, method }).expect(400);
      expect(res.body).toMatchObject({ error: 'The method passed is invalid.', code: 'ORDERS.INVALID_METHOD' });
    }
  });

  it('pages a user\'s orders with the real total', async () => {
    const user = `pager-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await createOrder({ value: `${i}.00`, user_id: user, installment: '1', method: 'cash' }).expect(201)).body.id);
    const page = await http.get(`/api/orders/${user}?offset=1&limit=1`).expect(200);
    expect(page.body).toMatchObject({ offset: 1, limit: 1, total: 3 });
    expect(page.body.orders.map((o: { id: string }) => o.id)).toEqual([ids[1]]);
    const all = await http.get(`/api/orders/${user}`).expect(200);
    expect(all.body).toMatchObject({ offset: 0, limit: 100, total: 3 });
    await http.get(`/api/orders/${user}?limit=101`).expect(400);
    await http.get(`/api/orders/${user}?offset=-1`).expect(400);
    expect((await http.get(`/api/orders/nobody-${randomUUID()}`).expect(200)).body).toEqual({ offset: 0, limit: 100, total: 0, orders: [] });
  });

  it('lists methods; unknown orders are 404', async () => {
    const res = await http.get('/api/methods').expect(200);
    expect(res.body.methods).toEqual(
      expect.arrayContaining([
        { method: 'credit_card', installments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
        { method: 'debit_card', installments: [1] },
        { method: 'transfer', installments: [1] },
        { method: 'cash', installments: [1] },
      ]),
    );
    await http.get(`/api/order/${randomUUID()}`).expect(404);
    await http.get('/api/order/not-a-uuid').expect(404);
    await http.get(`/api/order/${randomUUID()}/events`).expect(404);
    await http.get('/health').expect(200);
    await http.get('/readiness').expect(200);
  });

  it('rejects bad input with 4xx, never 5xx', async () => {
    const ok = { value: '10.00', user_id: 'u', installment: '1', method: 'cash' };
    const cases: Array<[string, () => Promise<request.Response>]> = [
      ['negative value', () => createOrder({ ...ok, value: '-1.00' })],
      ['zero value', () => createOrder({ ...ok, value: '0' })],
      ['non-numeric value', () => createOrder({ ...ok, value: 'abc' })],
      ['3 decimals', () => createOrder({ ...ok, value: '1.001' })],
      ['installment 0', () => createOrder({ ...ok, installment: '0' })],
      ['installment 1.5', () => createOrder({ ...ok, installment: '1.5' })],
      ['missing fields', () => createOrder({ value: '1' })],
      ['unknown field', () => createOrder({ ...ok, admin: 'true' })],
      ['json array', () => http.post('/api/orders').send([1, 2])],
      ['malformed json', () => http.post('/api/orders').set('content-type', 'application/json').send('{"value":')],
      ['json number types', () => http.post('/api/orders').send({ ...ok, value: { $gt: 1 } })],
      ['10 MB body', () => http.post('/api/orders').type('form').send(`value=${'9'.repeat(10 * 1024 * 1024)}`)],
      ['broken multipart', () => http.post('/api/orders').set('content-type', 'multipart/form-data; boundary=x').send('garbage')],
      ['xml', () => http.post('/api/orders').set('content-type', 'application/xml').send('<a/>')],
    ];
    for (const [name, send] of cases) {
      const res = await send();
      expect({ name, status: res.status >= 400 && res.status < 500 }).toEqual({ name, status: true });
    }
    const detail = await createOrder({ ...ok, value: '-1', installment: '0' }).expect(422);
    expect(detail.body).toMatchObject({ code: 'ORDERS.VALIDATION_FAILED', fields: ['value', 'installment'] });
  });

  it('ignores duplicated and redelivered saga messages: one settle, no duplicate steps', async () => {
    const res = await createOrder({ value: '20.00', user_id: `dup-${randomUUID()}`, installment: '1', method: 'cash' }).expect(201);
    const id: string = res.body.id;
    expect(await settled(id)).toBe('APPROVED');
    const before = await steps(id);
    const broker = junction.app.get(SagaBroker, { strict: false });
    const payload = JSON.stringify({ ...res.body, valid: false, message: 'Balance is invalid.' });
    const headers = (event: string, eventId: string) => ({ event, aggregate_id: id, event_id: eventId, timestamp: new Date().toISOString() });
    const replayed = randomUUID();
    // a second start, results that contradict the first ones (new ids, and one id replayed twice), a validation request
    await broker.publish([
      { id: randomUUID(), topic: 'topic-orchestrator', key: id, headers: headers('start_event', randomUUID()), value: JSON.stringify(res.body) },
      { id: replayed, topic: 'topic-orchestrator', key: id, headers: headers('result_validate_balance', replayed), value: payload },
      { id: replayed, topic: 'topic-orchestrator', key: id, headers: headers('result_validate_balance', replayed), value: payload },
      { id: randomUUID(), topic: 'topic-orchestrator', key: id, headers: headers('result_validate_user_status', randomUUID()), value: payload },
      { id: randomUUID(), topic: 'topic-user-balance-validator', key: id, headers: headers('validate_balance', randomUUID()), value: JSON.stringify(res.body) },
    ]);
    // a marker order published after the duplicates settles once they were consumed
    const marker = await createOrder({ value: '1.00', user_id: `dup-${randomUUID()}`, installment: '1', method: 'cash' }).expect(201);
    await settled(marker.body.id);
    await new Promise((r) => setTimeout(r, REAL ? 1500 : 200));
    expect(await statusOf(id)).toBe('APPROVED');
    expect(await steps(id)).toEqual(before);
    const metrics = await http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/orders_settled_total\{status="APPROVED"[^}]*\} \d+/);
    expect(metrics.text).toContain('orders_saga_duration_seconds_bucket');
  });

  it('dead-letters a poison message without blocking the partition', async () => {
    const broker = junction.app.get(SagaBroker, { strict: false });
    const dlqCount = async () => {
      const text = (await http.get('/metrics').expect(200)).text;
      return [...text.matchAll(/^orders_dead_letters_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    };
    const before = await dlqCount();
    const key = randomUUID();
    await broker.publish([{ id: randomUUID(), topic: 'topic-orchestrator', key, headers: { event: 'start_event', event_id: randomUUID() }, value: '{not json' }]);
    const after = await createOrder({ value: '2.00', user_id: `after-poison-${randomUUID()}`, installment: '1', method: 'cash' }).expect(201);
    expect(await settled(after.body.id)).toBe('APPROVED');
    await eventually(async () => expect(await dlqCount()).toBeGreaterThan(before), 5000, 50);
  });

  it('keeps orders PROCESSING while the user API is down and settles them when it returns', async () => {
    userApi.down = true;
    try {
      const res = await createOrder({ value: '30.00', user_id: `wait-${randomUUID()}`, installment: '1', method: 'cash' }).expect(201);
      const callsBefore = userApi.calls;
      await eventually(() => expect(userApi.calls).toBeGreaterThan(callsBefore + 1), 5000, 20);
      expect(await statusOf(res.body.id)).toBe('PROCESSING');
      userApi.down = false;
      expect(await settled(res.body.id, 10_000)).toBe('APPROVED');
    } finally {
      userApi.down = false;
    }
  });

  it('answers 503 problem+json for a route disabled by a toggle, and follows changes without restart', async () => {
    const toggles = junction.app.get(FeatureToggles, { strict: false });
    await http.get('/api/toggles').expect(401);
    await toggles.set('getMethods', false);
    try {
      await eventually(async () => {
        const res = await http.get('/api/methods');
        expect(res.status).toBe(503);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('ORDERS.FEATURE_DISABLED');
      });
    } finally {
      await toggles.set('getMethods', true);
    }
    await eventually(() => http.get('/api/methods').expect(200));
  });
});
