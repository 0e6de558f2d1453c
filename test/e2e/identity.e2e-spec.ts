/**
 * identity over HTTP, end to end. Runs on memory adapters by default and on the real servers under `npm run test:infra`
 * (ADAPTERS=real: PostgreSQL users + outbox, Redis idempotency/sessions/rate limits, Kafka events).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { USER_DELETED_V1, USER_REGISTERED_V1 } from '@libs/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { InMemoryIntegrationEventBus, IntegrationEventBus, topicFor } from '@libs/messaging';
import { eventually } from '@libs/testing';
import { bootForTest, BootedForTest } from '../support/boot';

const PASSWORD = 'correct horse battery staple';
const uniq = (): string => randomBytes(5).toString('hex');
/** A fresh client address per test (sent as X-Forwarded-For through the trusted loopback proxy): rate limits never leak between tests or runs. */
const anIp = (): string => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

interface Account {
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  phone_number: string;
}

const anAccount = (overrides: Partial<Account> = {}): Account => ({
  email: `Ada.${uniq()}@Example.COM `,
  password: PASSWORD,
  first_name: '  Ada ',
  last_name: 'Lovelace',
  phone_number: `+1 555 ${Math.floor(1e6 + Math.random() * 8.99e6)}`,
  ...overrides,
});

interface Published {
  read(): Promise<Array<{ type: string; key: string; payload: unknown }>>;
  close(): Promise<void>;
}

function inMemoryEvents(bus: InMemoryIntegrationEventBus): Published {
  return {
    read: async () => [USER_REGISTERED_V1, USER_DELETED_V1].flatMap((t) => bus.broker.messages(t)).map((m) => JSON.parse(String(m.value))),
    close: async () => undefined,
  };
}

/** ADAPTERS=real: reads identity's topics from the beginning with a throwaway consumer group. */
async function kafkaEvents(): Promise<Published> {
  const kafka = new Kafka({ clientId: 'identity-e2e', brokers: (process.env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING });
  const groupId = `identity-e2e-${uniq()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const seen: Array<{ type: string; key: string; payload: unknown }> = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topicFor(USER_REGISTERED_V1), topicFor(USER_DELETED_V1)], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(String(message.value))) });
  return {
    // Registration and deletion can land on different partitions: order them by the time they happened.
    read: async () => [...seen].sort((a, b) => String((a as { occurredAt?: string }).occurredAt).localeCompare(String((b as { occurredAt?: string }).occurredAt))),
    close: async () => {
      await consumer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

describe('identity over HTTP', () => {
  let junction: BootedForTest;
  let http: ReturnType<typeof request>;
  /** Every response body, to prove no password or hash ever leaves the process. */
  const bodies: string[] = [];
  const passwordsUsed = new Set<string>([PASSWORD]);

  const track = (res: request.Response): request.Response => {
    bodies.push(res.text ?? '');
    return res;
  };
  const register = async (body: unknown, key: string | null = randomUUID(), ip = anIp()): Promise<request.Response> => {
    const req = http.post('/users').set('x-forwarded-for', ip);
    if (key) req.set('x-request-id', key);
    return track(await req.send(body as object));
  };
  const login = async (body: unknown, ip = anIp()): Promise<request.Response> => track(await http.post('/auth/login').set('x-forwarded-for', ip).send(body as object));
  const problemOf = (res: request.Response): Record<string, unknown> => {
    expect(res.headers['content-type']).toContain('application/problem+json');
    return res.body as Record<string, unknown>;
  };

  beforeAll(async () => {
    junction = await bootForTest({
      MODULES: 'identity',
      TRUSTED_PROXIES: '127.0.0.1,::1',
      IDENTITY_LOGIN_MAX_FAILURES: '3',
      IDENTITY_LOGIN_MAX_FAILURES_PER_IP: '12',
      IDENTITY_ADMIN_EMAILS: 'root@example.com',
    });
    http = request(junction.httpUrl);
  });

  afterAll(async () => {
    await junction?.close();
  });

  describe('the account lifecycle', () => {
    const account = anAccount();
    const key = randomUUID();
    const ip = anIp();
    let created: request.Response;
    let session: { access_token: string; refresh_token: string };

    it('registers (200, seed 000\'s {user} envelope) with a normalised account and never the password or its hash', async () => {
      created = await register(account, key, ip);
      expect(created.status).toBe(200);
      expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(created.body).toEqual({
        user: {
          user_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          email: account.email.trim().toLowerCase(),
          phone_number: account.phone_number.replace(/\s/g, ''),
          first_name: 'Ada',
          last_name: 'Lovelace',
          registered_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      });
      expect(created.headers['idempotent-replayed']).toBeUndefined();
    });

    it('replays the same key and body: the stored response byte for byte, same status', async () => {
      const replay = await register(account, key, ip);
      expect(replay.status).toBe(200);
      expect(replay.text).toBe(created.text);
      expect(replay.headers['content-type']).toBe(created.headers['content-type']);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      // Idempotency-Key works as well as X-Request-ID, and key order in the body does not matter.
      const reordered = Object.fromEntries(Object.entries(account).reverse());
      const viaHeader = track(await http.post('/users').set('x-forwarded-for', ip).set('idempotency-key', key).send(reordered));
      expect(viaHeader.status).toBe(200);
      expect(viaHeader.text).toBe(created.text);
    });

    it('answers 422 for the same key with a different body', async () => {
      const res = await register({ ...account, first_name: 'Augusta' }, key, ip);
      expect(res.status).toBe(422);
      expect(problemOf(res)).toMatchObject({ code: 'IDENTITY.IDEMPOTENCY_KEY_REUSED', status: 422 });
    });

    it('scopes keys by client: the same key from another client is another request', async () => {
      const res = await register({ ...account, email: `other-${uniq()}@example.com`, phone_number: '' }, key, anIp());
      expect(res.status).toBe(200);
    });

    it('answers 409 for the same account with a new key (email, then phone)', async () => {
      const again = await register(account);
      expect(again.status).toBe(409);
      expect(problemOf(again)).toMatchObject({ code: 'IDENTITY.EMAIL_TAKEN', field: 'email' });
      const phone = await register({ ...account, email: `p-${uniq()}@example.com` });
      expect(phone.status).toBe(409);
      expect(problemOf(phone)).toMatchObject({ code: 'IDENTITY.PHONE_TAKEN', field: 'phone_number' });
    });

    it('releases the key of a failed request so the client may retry it', async () => {
      const retryKey = randomUUID();
      const weak = await register({ ...anAccount(), password: 'password123' }, retryKey, ip);
      expect(weak.status).toBe(422);
      const fixed = await register(anAccount(), retryKey, ip);
      expect(fixed.status).toBe(200);
    });

    it('logs in by email (any case) and by phone number', async () => {
      const res = await login({ email: account.email.toUpperCase(), password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
        user: created.body.user,
      });
      session = res.body;
      const byPhone = await login({ phone_number: account.phone_number, password: PASSWORD });
      expect(byPhone.status).toBe(200);
      expect(byPhone.body.user.user_id).toBe(created.body.user.user_id);
    });

    it('reads the account with its own token only; 401 without one, 403 for somebody else', async () => {
      const email = encodeURIComponent(created.body.user.email);
      const own = track(await http.get(`/users/${email}`).set('authorization', `Bearer ${session.access_token}`));
      expect(own.status).toBe(200);
      expect(own.body).toEqual(created.body);
      const none = track(await http.get(`/users/${email}`));
      expect(none.status).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect(problemOf(none)).toMatchObject({ code: 'AUTH.TOKEN_MISSING' });
      const forged = track(await http.get(`/users/${email}`).set('authorization', `Bearer ${session.access_token.slice(0, -4)}AAAA`));
      expect(forged.status).toBe(401);
      expect(problemOf(forged)).toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
      const other = track(await http.get('/users/someone-else%40example.com').set('authorization', `Bearer ${session.access_token}`));
      expect(other.status).toBe(403);
      expect(problemOf(other)).toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
    });

    it('lets an admin read any account', async () => {
      const admin = anAccount({ email: 'root@example.com', phone_number: '' });
      await register(admin);
      const token = (await login({ email: admin.email, password: PASSWORD })).body.access_token as string;
      const res = track(await http.get(`/users/${encodeURIComponent(created.body.user.email)}`).set('authorization', `Bearer ${token}`));
      expect(res.status).toBe(200);
      const missing = track(await http.get(`/users/nobody-${uniq()}%40example.com`).set('authorization', `Bearer ${token}`));
      expect(missing.status).toBe(404);
      expect(problemOf(missing)).toMatchObject({ code: 'IDENTITY.USER_NOT_FOUND' });
    });

    it('rotates refresh tokens, and reuse of an old one revokes the whole family', async () => {
      const first = track(await http.post('/auth/refresh').send({ refresh_token: session.refresh_token }));
      expect(first.status).toBe(200);
      expect(first.body.refresh_token).not.toBe(session.refresh_token);
      expect(first.body.user.user_id).toBe(created.body.user.user_id);
      const second = track(await http.post('/auth/refresh').send({ refresh_token: first.body.refresh_token }));
      expect(second.status).toBe(200);

      const reuse = track(await http.post('/auth/refresh').send({ refresh_token: session.refresh_token }));
      expect(reuse.status).toBe(401);
      expect(problemOf(reuse)).toMatchObject({ code: 'IDENTITY.REFRESH_TOKEN_REUSED' });
      const newest = track(await http.post('/auth/refresh').send({ refresh_token: second.body.refresh_token }));
      expect(newest.status).toBe(401);
      expect(problemOf(newest)).toMatchObject({ code: 'IDENTITY.INVALID_REFRESH_TOKEN' });
    });

    it('logs out: the refresh token stops working (logout is idempotent)', async () => {
      const fresh = (await login({ email: account.email, password: PASSWORD })).body;
      expect(track(await http.post('/auth/logout').send({ refresh_token: fresh.refresh_token })).status).toBe(204);
      expect(track(await http.post('/auth/logout').send({ refresh_token: fresh.refresh_token })).status).toBe(204);
      const after = track(await http.post('/auth/refresh').send({ refresh_token: fresh.refresh_token }));
      expect(after.status).toBe(401);
      const garbage = track(await http.post('/auth/refresh').send({ refresh_token: 'not-a-token' }));
      expect(problemOf(garbage)).toMatchObject({ status: 401, code: 'IDENTITY.INVALID_REFRESH_TOKEN' });
    });

    it('deletes (204) at most once, with the password as the credential; then 404 and 401 everywhere', async () => {
      const path = `/users/${encodeURIComponent(account.email.trim())}`;
      const survivor = (await login({ email: account.email, password: PASSWORD })).body;
      const noKey = track(await http.delete(path).send({ password: PASSWORD }));
      expect(noKey.status).toBe(400);
      expect(problemOf(noKey)).toMatchObject({ code: 'IDENTITY.IDEMPOTENCY_KEY_REQUIRED' });
      const wrong = track(await http.delete(path).set('x-request-id', randomUUID()).set('x-forwarded-for', anIp()).send({ password: 'not the password' }));
      expect(wrong.status).toBe(401);
      expect(problemOf(wrong)).toMatchObject({ code: 'IDENTITY.INVALID_CREDENTIALS' });

      const deleteKey = randomUUID();
      const deleted = track(await http.delete(path).set('x-request-id', deleteKey).send({ password: PASSWORD }));
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      const replay = track(await http.delete(path).set('x-request-id', deleteKey).send({ password: PASSWORD }));
      expect(replay.status).toBe(204);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      // The register key and the delete key are different scopes even with the same id (the original mixed them up).
      const sameIdAsRegister = track(await http.delete(path).set('x-request-id', key).set('x-forwarded-for', ip).send({ password: PASSWORD }));
      expect(sameIdAsRegister.status).toBe(404);

      const again = track(await http.delete(path).set('x-request-id', randomUUID()).send({ password: PASSWORD }));
      expect(again.status).toBe(404);
      expect(problemOf(again)).toMatchObject({ code: 'IDENTITY.USER_NOT_FOUND' });
      // Deletion revoked the access tokens issued before it (issue 13, finding 4): the survivor's token is refused.
      const read = track(await http.get(`/users/${encodeURIComponent(created.body.user.email)}`).set('authorization', `Bearer ${survivor.access_token}`));
      expect(read.status).toBe(401);
      const relogin = await login({ email: account.email, password: PASSWORD });
      expect(relogin.status).toBe(401);
      const refresh = track(await http.post('/auth/refresh').send({ refresh_token: survivor.refresh_token }));
      expect(refresh.status).toBe(401);
    });

    it('publishes identity.user-registered.v1 and identity.user-deleted.v1 through the outbox', async () => {
      const userId = created.body.user.user_id as string;
      const bus = junction.app.get(IntegrationEventBus, { strict: false });
      const published = bus instanceof InMemoryIntegrationEventBus ? inMemoryEvents(bus) : await kafkaEvents();
      try {
        await eventually(async () => {
          const ofUser = (await published.read()).filter((e) => e.key === userId);
          expect(ofUser.map((e) => e.type)).toEqual([USER_REGISTERED_V1, USER_DELETED_V1]);
          expect(ofUser[1].payload).toEqual({ userId, email: created.body.user.email, deletedAt: expect.any(String) });
          expect(JSON.stringify(ofUser)).not.toMatch(/argon2|password/i);
        }, 30_000);
      } finally {
        await published.close();
      }
    }, 40_000);
  });

  describe('at most once under concurrency', () => {
    it('1,000 concurrent registrations with one key make exactly one user: one 200, the rest replays or 409 in progress', async () => {
      const account = anAccount();
      const key = randomUUID();
      const body = JSON.stringify(account);
      const responses = await Promise.all(
        Array.from({ length: 1000 }, async () => {
          const res = await fetch(`${junction.httpUrl}/users`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': key }, body });
          return { status: res.status, replayed: res.headers.get('idempotent-replayed'), retryAfter: res.headers.get('retry-after'), text: await res.text() };
        }),
      );
      const statuses = new Set(responses.map((r) => r.status));
      expect([...statuses].every((s) => s === 200 || s === 409)).toBe(true);
      const created = responses.filter((r) => r.status === 200);
      expect(created.filter((r) => r.replayed !== 'true')).toHaveLength(1);
      expect(new Set(created.map((r) => r.text)).size).toBe(1);
      for (const r of responses.filter((x) => x.status === 409)) {
        expect(JSON.parse(r.text)).toMatchObject({ code: 'IDENTITY.REQUEST_IN_PROGRESS', detail: 'request in progress' });
        expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      // Exactly one account: a new key for the same account is now a conflict, and exactly one user id was ever issued.
      const again = await register(account);
      expect(again.status).toBe(409);
      bodies.push(...responses.map((r) => r.text));
    }, 30_000);
  });

  describe('brute-force protection', () => {
    it('limits failed logins per account and client IP (429 + Retry-After), even for the right password, with one uniform 401 before; other addresses still log in', async () => {
      const account = anAccount({ phone_number: '' });
      await register(account);
      const ip = anIp();
      const unknown = await login({ email: `nobody-${uniq()}@example.com`, password: 'whatever-password' }, ip);
      for (let i = 0; i < 3; i++) {
        const res = await login({ email: account.email, password: `wrong-password-${i}` }, ip);
        expect(res.status).toBe(401);
        // Unknown account and wrong password are indistinguishable.
        expect({ ...res.body, instance: undefined, traceId: undefined }).toEqual({ ...unknown.body, instance: undefined, traceId: undefined });
      }
      const blocked = await login({ email: account.email, password: PASSWORD }, ip);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(problemOf(blocked)).toMatchObject({ code: 'IDENTITY.TOO_MANY_ATTEMPTS' });
      // The owner on another address is not locked out by someone else's failures (issue 13, finding 6).
      expect((await login({ email: account.email, password: PASSWORD }, anIp())).status).toBe(200);
    });

    it('limits failed logins per client IP across accounts; other clients are unaffected', async () => {
      const ip = anIp();
      for (let i = 0; i < 12; i++) expect((await login({ email: `probe-${i}-${uniq()}@example.com`, password: 'whatever-password' }, ip)).status).toBe(401);
      const blocked = await login({ email: `probe-${uniq()}@example.com`, password: 'whatever-password' }, ip);
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect((await login({ email: `probe-${uniq()}@example.com`, password: 'whatever-password' }, anIp())).status).toBe(401);
    });
  });

  describe('bad input: 4xx problem+json naming the field, never 5xx', () => {
    it.each([
      ['malformed JSON', '{"email": "a@b.co",'],
      ['a JSON array', '[1,2,3]'],
      ['a JSON string', '"hello"'],
      ['null', 'null'],
      ['prototype pollution', '{"__proto__": {"admin": true}, "email": "a@b.co"}'],
    ])('%s → 400', async (_name, raw) => {
      const res = track(await http.post('/users').set('x-request-id', randomUUID()).set('content-type', 'application/json').send(raw));
      expect(res.status).toBe(400);
      expect(problemOf(res).status).toBe(400);
    });

    it('answers an oversized body with 413', async () => {
      const res = track(await http.post('/users').set('x-request-id', randomUUID()).set('content-type', 'application/json').send(JSON.stringify({ ...anAccount(), first_name: 'A'.repeat(70_000) })));
      expect(res.status).toBe(413);
      expect(problemOf(res).code).toBe('REQUEST.BODY_TOO_LARGE');
    });

    it.each([
      ['a number for email', { email: 42 }, 'email'],
      ['an object for password', { password: { $ne: null } }, 'password'],
      ['a missing last name', { last_name: undefined }, 'last_name'],
      ['an unknown field', { is_admin: true }, 'is_admin'],
      ['a card field that is not a string', { cvv: 123 }, 'cvv'],
      ['an absurdly long name', { first_name: 'x'.repeat(5000) }, 'first_name'],
    ])('wrong types and shapes: %s → 400 naming the field', async (_name, patch, field) => {
      const res = await register({ ...anAccount(), ...patch });
      expect(res.status).toBe(400);
      const problem = problemOf(res);
      expect(problem.code).toBe('REQUEST.VALIDATION_FAILED');
      expect(problem.fields).toContain(field);
      expect(String(problem.detail)).toContain(field);
    });

    it('accepts payment card fields (seed 000 clients) and discards them: never stored, never echoed, and says so', async () => {
      // Values no log line or id can contain by chance.
      const card = { card_number: '4111111111111111', expiration_date: '11/39', cvv: 'Q7Z' };
      const res = await register({ ...anAccount(), ...card });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ user: expect.any(Object), ignored_fields: ['card_number', 'expiration_date', 'cvv'], notice: 'Payment card data is not stored: card_number, expiration_date, cvv were discarded' });
      expect(Object.keys(res.body.user).sort()).toEqual(['email', 'first_name', 'last_name', 'phone_number', 'registered_at', 'user_id']);
      const login = await http.post('/auth/login').set('x-forwarded-for', anIp()).send({ email: res.body.user.email, password: PASSWORD });
      const own = track(await http.get(`/users/${encodeURIComponent(res.body.user.email)}`).set('authorization', `Bearer ${login.body.access_token}`));
      for (const text of [res.text, login.text, own.text, junction.rawLogs()]) for (const value of Object.values(card)) expect(text).not.toContain(value);
    });

    it.each([
      ['an invalid email', { email: 'not-an-email' }, 'IDENTITY.INVALID_EMAIL', 'email'],
      ['an email with a control character', { email: 'a\u0000b@example.com' }, 'IDENTITY.INVALID_EMAIL', 'email'],
      ['a short password', { password: 'short' }, 'IDENTITY.WEAK_PASSWORD', 'password'],
      ['a common password', { password: 'Password123' }, 'IDENTITY.WEAK_PASSWORD', 'password'],
      ['a 129-character password', { password: 'p'.repeat(129) }, 'IDENTITY.WEAK_PASSWORD', 'password'],
      ['an invalid phone', { phone_number: '12ab' }, 'IDENTITY.INVALID_PHONE', 'phone_number'],
      ['a right-to-left override in a name', { first_name: 'Ada\u202Egnp.exe' }, 'IDENTITY.INVALID_NAME', 'first_name'],
      ['a NUL in a name', { last_name: 'Love\u0000lace' }, 'IDENTITY.INVALID_NAME', 'last_name'],
      ['a zero-width-space-only name', { first_name: '\u200B\u200B' }, 'IDENTITY.INVALID_NAME', 'first_name'],
      ['an emoji name', { first_name: '🚀' }, 'IDENTITY.INVALID_NAME', 'first_name'],
      ['digits as a name', { last_name: '1234' }, 'IDENTITY.INVALID_NAME', 'last_name'],
    ])('semantic problems: %s → 422 %s naming the field', async (_name, patch, code, field) => {
      const res = await register({ ...anAccount(), ...patch });
      expect(res.status).toBe(422);
      expect(problemOf(res)).toMatchObject({ code, field });
    });

    it('answers 400 for a whitespace-only name and for a lone surrogate', async () => {
      const blank = await register({ ...anAccount(), last_name: ' \t\n ' });
      expect(blank.status).toBe(400);
      expect(problemOf(blank)).toMatchObject({ code: 'IDENTITY.MISSING_FIELD', field: 'last_name' });
      const raw = JSON.stringify(anAccount()).replace('"Lovelace"', '"Love\\ud800lace"');
      const lone = track(await http.post('/users').set('x-request-id', randomUUID()).set('content-type', 'application/json').send(raw));
      expect(lone.status).toBe(422);
      expect(problemOf(lone)).toMatchObject({ code: 'IDENTITY.INVALID_NAME', field: 'last_name' });
    });

    it('accepts names in any script, normalising them (NFC, trimmed, single spaces)', async () => {
      const res = await register({ ...anAccount(), first_name: '  Zoe\u0308   Ana ', last_name: 'Nguyễn-O’Brien' });
      expect(res.status).toBe(200);
      expect(res.body.user.first_name).toBe('Zoë Ana');
      expect(res.body.user.last_name).toBe('Nguyễn-O’Brien');
      const cjk = await register({ ...anAccount(), first_name: '太郎', last_name: 'میرزایی' });
      expect(cjk.status).toBe(200);
    });

    it('refuses unsafe request ids and login bodies without an identifier', async () => {
      const badKey = await register(anAccount(), 'spaces are not allowed');
      expect(badKey.status).toBe(400);
      expect(problemOf(badKey).code).toBe('IDENTITY.IDEMPOTENCY_KEY_INVALID');
      const noId = await login({ password: PASSWORD });
      expect(noId.status).toBe(400);
      expect(problemOf(noId)).toMatchObject({ code: 'IDENTITY.MISSING_FIELD' });
      const typed = await login({ email: ['a@b.co'], password: PASSWORD });
      expect(typed.status).toBe(400);
    });
  });

  describe('seed 002 (auth-service) compatibility routes', () => {
    const phone = `0171${Math.floor(1e6 + Math.random() * 8.99e6)}`;
    let webToken: string;
    let id: string;

    const row = () => ({ user_id: id, name: 'Ada King Lovelace', phone_number: phone, createdat: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });

    it('registers with {name, phone_number, password} → 201 {name, user, webToken}', async () => {
      const res = track(await http.post('/api/user/register').send({ name: 'Ada King Lovelace', phone_number: phone, password: PASSWORD }));
      expect(res.status).toBe(201);
      id = res.body.user.user_id;
      expect(res.body).toEqual({ name: 'Ada King Lovelace', user: row(), webToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    });

    it('answers 400 {error} for missing fields and 409 {error} for a taken phone', async () => {
      const missing = track(await http.post('/api/user/register').send({ name: 'Ada' }));
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ error: 'All fields are required', code: 'IDENTITY.MISSING_FIELD' });
      expect(missing.headers['content-type']).toMatch(/^application\/json/);
      const weak = track(await http.post('/api/user/register').send({ name: 'Ada', phone_number: `0172${Math.floor(1e6 + Math.random() * 8.99e6)}`, password: '123' }));
      expect(weak.status).toBe(400);
      expect(weak.body.error).toContain('password');
      const taken = track(await http.post('/api/user/register').send({ name: 'Ada', phone_number: phone, password: PASSWORD }));
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual({ error: 'Phone number is already in use', code: 'IDENTITY.PHONE_TAKEN' });
    });

    it('logs in with {phone_number, password} → 201 {user, webToken}; 404 unknown phone; 401 bad password; 400 missing', async () => {
      const res = track(await http.post('/api/user/login').set('x-forwarded-for', anIp()).send({ phone_number: phone, password: PASSWORD }));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ user: row(), webToken: expect.any(String) });
      webToken = res.body.webToken;
      const unknown = track(await http.post('/api/user/login').set('x-forwarded-for', anIp()).send({ phone_number: '0999000111', password: PASSWORD }));
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ error: 'No such phone number found', code: 'IDENTITY.USER_NOT_FOUND' });
      const wrong = track(await http.post('/api/user/login').set('x-forwarded-for', anIp()).send({ phone_number: phone, password: 'not the password' }));
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ error: 'Invalid credentials', code: 'IDENTITY.INVALID_CREDENTIALS' });
      const missing = track(await http.post('/api/user/login').send({ phone_number: phone }));
      expect(missing.status).toBe(400);
      expect(missing.body.error).toBe('All fields are required');
    });

    it('GET /api/user/{id} → the bare row, /api/user/validate/{id} → {user}, for its own webToken', async () => {
      const bare = track(await http.get(`/api/user/${id}`).set('authorization', `Bearer ${webToken}`));
      expect(bare.status).toBe(200);
      expect(bare.body).toEqual(row());
      const validated = track(await http.get(`/api/user/validate/${id}`).set('authorization', `Bearer ${webToken}`));
      expect(validated.status).toBe(200);
      expect(validated.body).toEqual({ user: row() });
      const anonymous = track(await http.get(`/api/user/${id}`));
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error).toBeDefined();
      const other = track(await http.get(`/api/user/${randomUUID()}`).set('authorization', `Bearer ${webToken}`));
      expect(other.status).toBe(403);
    });

    it('lets the phone account use Junction login too', async () => {
      const res = await login({ phone_number: phone, password: PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ first_name: 'Ada King', last_name: 'Lovelace', phone_number: phone });
    });
  });

  describe('documentation', () => {
    it('documents every identity route in Swagger with its problem+json errors', async () => {
      const doc = (await http.get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: object }> }> }>> };
      const routes = [
        ['/users', 'post', ['200', '400', '409', '413', '422', '503']],
        ['/users/{email}', 'get', ['200', '401', '403', '404']],
        ['/users/{email}', 'delete', ['204', '400', '401', '404', '409', '422', '429']],
        ['/auth/login', 'post', ['200', '400', '401', '429', '503']],
        ['/auth/refresh', 'post', ['200', '401']],
        ['/auth/logout', 'post', ['204', '401']],
        ['/api/user/register', 'post', ['201', '400', '409']],
        ['/api/user/login', 'post', ['201', '400', '401', '404']],
        ['/api/user/{id}', 'get', ['200', '401', '403', '404']],
        ['/api/user/validate/{id}', 'get', ['200', '401', '404']],
      ] as const;
      for (const [path, method, statuses] of routes) {
        const op = doc.paths[path]?.[method];
        expect({ path, method, documented: Object.keys(op?.responses ?? {}) }).toEqual({ path, method, documented: expect.arrayContaining([...statuses]) });
        // Seed 002's routes answer their errors as application/json {error, code}; Junction's own as problem+json.
        const media = path.startsWith('/api/user') ? 'application/json' : 'application/problem+json';
        for (const status of statuses.filter((s) => Number(s) >= 400)) {
          expect(op.responses[status].content?.[media]?.examples).toBeDefined();
        }
      }
    });
  });

  describe('secrets', () => {
    it('never puts a password or a password hash in any response or log line', async () => {
      const logs = junction.rawLogs();
      expect(logs.length).toBeGreaterThan(0);
      for (const text of [logs, ...bodies]) {
        expect(text).not.toMatch(/\$argon2/);
        expect(text).not.toMatch(/password_?hash/i);
        for (const password of passwordsUsed) expect(text).not.toContain(password);
      }
      for (const body of bodies) expect(body).not.toMatch(/"password"\s*:/);
    });
  });
});
