/**
 * Seed 004 (order orchestrator): its behave e2e suite (tests/e2e: order.feature, steps/orders.py, client.py) replayed
 * against Junction's DEFAULT deployment: no ORDERS_USER_STATUS, no user API running. client.py posts forms with
 * `requests.post(url + "/orders", data=payload)` (BASE_URL ends in /api), reads `status`, `id` and `total`, and the
 * status codes 200/400; the last scenario calls `DELETE /api/orders/user/test`.
 *
 * The suite orders for `user_test`, which is not an identity user: the default user-status source asks identity about
 * identity's ids (UUIDs) and the user API seed 004 shipped (embedded: valid unless the id contains "invalid") about
 * every other id. docs/compatibility.md ("orders") names this file.
 *
 * Memory adapters on purpose: every scenario meets an empty order store, as the original's fresh containers did.
 */
import { GROUPS, TOPICS } from '../../src/modules/orders/application/saga-topics';
import { MemorySagaBroker } from '../../src/modules/orders/adapters/outbound/memory/memory-saga-broker';
import { SagaBroker } from '../../src/modules/orders/ports/saga-broker';
import { bootForTest, BootedForTest } from '../support/boot';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
  value: string;
  method: string;
  installments: string;
  user_id: string;
}

/** `requests.post(url, data=payload)`: the dict in insertion order, form-urlencoded. */
function formOf(row: Row): string {
  return new URLSearchParams({ value: row.value, user_id: row.user_id, installment: row.installments, method: row.method }).toString();
}

describe('seed 004 (order orchestrator): the original e2e suite against the default deployment', () => {
  let junction: BootedForTest;
  let url: string;

  const createOrder = (row: Row) =>
    fetch(`${url}/orders`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: formOf(row) });
  const getOrderById = (id: string) => fetch(`${url}/order/${id}`);
  const getOrdersFromUser = async (userId: string) => (await fetch(`${url}/orders/${userId}?limit=5`)).json() as Promise<Record<string, unknown>>;

  /** "When create orders" then "check after 1 second(s) status orders are ...". */
  async function statusesAfterOneSecond(rows: Row[]): Promise<string[]> {
    const responses = [];
    for (const row of rows) responses.push(await createOrder(row));
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
    await sleep(1000);
    return Promise.all(
      ids.map(async (id) => {
        const order = await getOrderById(id);
        expect(order.status).toBe(200);
        return ((await order.json()) as { status: string }).status;
      }),
    );
  }

  beforeAll(async () => {
    // The default deployment: ORDERS_USER_STATUS and USERAPI_BASEURL left unset (whatever the caller's environment says).
    junction = await bootForTest({ ADAPTERS: 'memory', MODULES: 'orders,identity', ORDERS_USER_STATUS: undefined, USERAPI_BASEURL: undefined, LOG_LEVEL: 'warn' });
    url = `${junction.httpUrl}/api`;
  });

  afterAll(async () => {
    await junction?.close();
  });

  it('Scenario: Insert orders — both PROCESSING, and the user has orders', async () => {
    const rows = [
      { value: '1000.00', method: 'credit_card', installments: '10', user_id: 'user_test' },
      { value: '1000.00', method: 'debit_card', installments: '1', user_id: 'user_test' },
    ];
    for (const row of rows) {
      const response = await createOrder(row);
      expect(response.status).toBe(201);
      expect(((await response.json()) as { status: string }).status).toBe('PROCESSING');
    }
    expect((await getOrdersFromUser('user_test')).total as number).toBeGreaterThan(0);
  });

  it('Scenario: Invalid method order — 400', async () => {
    const response = await createOrder({ value: '1000.00', method: 'not_exist', installments: '50', user_id: 'user_test' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'The method passed is invalid.' });
  });

  it('Scenario: Insert APPROVED orders — APPROVED after 1 second', async () => {
    const statuses = await statusesAfterOneSecond([
      { value: '1500.00', method: 'credit_card', installments: '10', user_id: 'user_test' },
      { value: '150.00', method: 'debit_card', installments: '1', user_id: 'user_test' },
    ]);
    expect(statuses).toEqual(['APPROVED', 'APPROVED']);
  });

  it('Scenario: Insert CANCELED orders — an invalid user and a value over the limit are CANCELED after 1 second', async () => {
    const statuses = await statusesAfterOneSecond([
      { value: '1500.00', method: 'credit_card', installments: '3', user_id: 'user_test_invalid' },
      { value: '1000000.00', method: 'debit_card', installments: '1', user_id: 'user_test' },
    ]);
    expect(statuses).toEqual(['CANCELED', 'CANCELED']);
  });

  it('Scenario: Delete All orders from user test — DELETE /api/orders/user/test exists (no token, like the other routes)', async () => {
    const response = await fetch(`${url}/orders/user/test`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user_id: 'test', deleted: 0, kept_processing: 0 });
  });

  it("DELETE /api/orders/user/{user_id} removes that user's settled orders with their event logs, and only theirs", async () => {
    const before = await getOrdersFromUser('user_test');
    expect(before.total).toBe(5);
    const invalid = (await getOrdersFromUser('user_test_invalid')).orders as Array<{ id: string }>;
    const gone = ((before.orders as Array<{ id: string }>)[0]).id;
    const response = await fetch(`${url}/orders/user/user_test`, { method: 'DELETE' });
    expect(await response.json()).toEqual({ user_id: 'user_test', deleted: 5, kept_processing: 0 });
    expect((await getOrdersFromUser('user_test')).total).toBe(0);
    expect((await getOrderById(gone)).status).toBe(404);
    expect((await fetch(`${url}/order/${gone}/events`)).status).toBe(404);
    expect((await getOrdersFromUser('user_test_invalid')).orders).toEqual(invalid);
    const spaced = await fetch(`${url}/orders/user/a%20b`, { method: 'DELETE' });
    expect([spaced.status, ((await spaced.json()) as { code: string }).code]).toEqual([422, 'ORDERS.VALIDATION_FAILED']);
    expect((await fetch(`${url}/orders/user/${'x'.repeat(101)}`, { method: 'DELETE' })).status).toBe(414);
  });
});

describe("seed 004's default user-status source keeps identity authoritative for identity's ids", () => {
  let junction: BootedForTest;

  beforeAll(async () => {
    junction = await bootForTest({ ADAPTERS: 'memory', MODULES: 'orders,identity', ORDERS_USER_STATUS: undefined, USERAPI_BASEURL: undefined, LOG_LEVEL: 'warn' });
  });

  afterAll(async () => {
    await junction?.close();
  });

  it('approves an identity user, cancels a UUID identity does not know (the embedded user API would have accepted it)', async () => {
    const registered = await fetch(`${junction.httpUrl}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'compat-004-user' },
      body: JSON.stringify({ email: 'orders.compat@example.com', password: 'a passphrase for orders', first_name: 'Ada', last_name: 'Lovelace' }),
    });
    const userId = ((await registered.json()) as { user: { user_id: string } }).user.user_id;
    const order = async (user: string) =>
      ((await (await fetch(`${junction.httpUrl}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `value=10.00&user_id=${user}&installment=1&method=cash` })).json()) as { id: string }).id;
    const [known, unknown] = [await order(userId), await order('0f0e0d0c-0b0a-4908-8706-050403020100')];
    await sleep(1000);
    const status = async (id: string) => ((await (await fetch(`${junction.httpUrl}/api/order/${id}`)).json()) as { status: string }).status;
    expect([await status(known), await status(unknown)]).toEqual(['APPROVED', 'CANCELED']);
  });
});

describe("seed 004's routes around the suite (docs/compatibility.md, orders)", () => {
  let junction: BootedForTest;
  const admin = { email: 'orders.admin@example.com', password: 'an admin passphrase for orders' };
  const user = { email: 'orders.user@example.com', password: 'a user passphrase for orders' };
  const tokenOf = async (account: { email: string; password: string }, key: string): Promise<string> => {
    await fetch(`${junction.httpUrl}/users`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': key }, body: JSON.stringify({ ...account, first_name: 'Op', last_name: 'Erator' }) });
    const login = await fetch(`${junction.httpUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) });
    return ((await login.json()) as { access_token: string }).access_token;
  };

  beforeAll(async () => {
    junction = await bootForTest({ ADAPTERS: 'memory', MODULES: 'orders,identity', ORDERS_USER_STATUS: undefined, IDENTITY_ADMIN_EMAILS: admin.email, LOG_LEVEL: 'warn' });
  });

  afterAll(async () => {
    await junction?.close();
  });

  it('keeps /swagger/index.html (a redirect to /docs), /health and /readiness', async () => {
    const swagger = await fetch(`${junction.httpUrl}/swagger/index.html`, { redirect: 'manual' });
    expect([swagger.status, swagger.headers.get('location')]).toEqual([302, '/docs']);
    expect(await (await fetch(`${junction.httpUrl}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${junction.httpUrl}/readiness`)).json()).toEqual({ status: 'ready' });
  });

  it('lets only admins read and change the toggles; switching deleteOrdersFromUser off answers 503 problem+json', async () => {
    const [adminToken, userToken] = [await tokenOf(admin, 'compat-004-admin'), await tokenOf(user, 'compat-004-operator')];
    const toggles = (token: string, init: RequestInit = {}) => fetch(`${junction.httpUrl}/api/toggles`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    expect((await fetch(`${junction.httpUrl}/api/toggles`)).status).toBe(401);
    const forbidden = await toggles(userToken);
    expect([forbidden.status, ((await forbidden.json()) as { code: string }).code]).toEqual([403, 'ORDERS.FORBIDDEN']);
    expect(await (await toggles(adminToken)).json()).toEqual({ postOrder: true, getOrderById: true, getOrdersFromUser: true, getOrderEvents: true, getMethods: true, deleteOrdersFromUser: true });
    expect((await toggles(adminToken, { method: 'PUT', body: JSON.stringify({ deleteOrdersFromUser: false }) })).status).toBe(200);
    try {
      const disabled = await fetch(`${junction.httpUrl}/api/orders/user/test`, { method: 'DELETE' });
      expect([disabled.status, disabled.headers.get('content-type')?.startsWith('application/problem+json'), ((await disabled.json()) as { code: string }).code]).toEqual([503, true, 'ORDERS.FEATURE_DISABLED']);
    } finally {
      await toggles(adminToken, { method: 'PUT', body: JSON.stringify({ deleteOrdersFromUser: true }) });
    }
    expect((await fetch(`${junction.httpUrl}/api/orders/user/test`, { method: 'DELETE' })).status).toBe(200);
  });

  it("sends the saga's messages with the original's topics, key (the order id) and headers (event, aggregate_id, event_id, timestamp)", async () => {
    const created = await fetch(`${junction.httpUrl}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'value=20000.00&user_id=user_trace&installment=1&method=cash' });
    const id = ((await created.json()) as { id: string }).id;
    await sleep(1000);
    const broker = junction.app.get(SagaBroker, { strict: false }) as MemorySagaBroker;
    const mine = broker.published.filter((m) => m.key === id);
    expect(new Set(mine.map((m) => m.topic))).toEqual(new Set([TOPICS.orchestrator, TOPICS.balanceValidator, TOPICS.userStatusValidation, TOPICS.userStatusCompensation]));
    for (const m of mine) {
      // (traceparent is added when tracing runs, which needs the process entry point: not in this in-process boot.)
      expect(m.headers).toEqual({ event: expect.any(String), aggregate_id: id, event_id: m.id, timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      expect(JSON.parse(m.value)).toMatchObject({ id, value: '20000', user_id: 'user_trace', installment: 1, method: 'cash' });
    }
    const metrics = await (await fetch(`${junction.httpUrl}/metrics`)).text();
    expect(Number(/^orders_created_total(?:\{[^}]*\})? (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^orders_settled_total\{[^}]*status="CANCELED"[^}]*\} \d+$/m);
    expect(metrics).toContain('orders_saga_duration_seconds_bucket');
    expect(mine.map((m) => m.headers.event)).toEqual(expect.arrayContaining(['start_event', 'validate_balance', 'validate_user_status', 'result_validate_balance', 'result_validate_user_status', 'compensation_validate_user_status']));
  });

  it("keeps the saga's wire names: the original's topics, one consumer group per saga role", () => {
    expect(TOPICS).toEqual({
      orchestrator: 'topic-orchestrator',
      balanceValidator: 'topic-user-balance-validator',
      balanceCompensation: 'topic-user-balance-compensation',
      userStatusValidation: 'topic-user-status-validation',
      userStatusCompensation: 'topic-user-status-compensation',
      deadLetter: 'topic-orders-dead-letter',
    });
    expect(GROUPS).toEqual({ orchestrator: 'orders-orchestrator', balanceValidator: 'orders-balance-validator', userStatusValidator: 'orders-user-status-validator' });
  });
});
