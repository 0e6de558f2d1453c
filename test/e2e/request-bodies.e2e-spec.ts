/**
 * Issue 13, findings 3 and 7: every JSON body goes through one edge parser (nesting limit, named refusals), and form
 * bodies reach only the seed routes that need them. Before the fix: 500 RangeError on deep bodies, "Body is not
 * valid JSON" for a __proto__ key, and /auth/login accepted forms.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { bootForTest, BootedForTest } from '../support/boot';

const DEEP = `${'{"a":'.repeat(6000)}1${'}'.repeat(6000)}`; // the security test's 36 KB, 6,000-level body

describe('request bodies at the HTTP edge (all modules)', () => {
  let junction: BootedForTest;

  beforeAll(async () => {
    junction = await bootForTest({ MODULES: 'all' });
  });
  afterAll(async () => {
    await junction?.close();
  });

  const json = (method: 'post' | 'delete', path: string, body: string) =>
    request(junction.httpUrl)[method](path).set('content-type', 'application/json').set('x-request-id', randomUUID()).send(body);

  it.each([
    ['post', '/users'],
    ['delete', '/users/ada@example.com'],
    ['post', '/api/user/register'],
    ['post', '/auth/login'],
    ['post', '/auth/refresh'],
    ['post', '/api/orders'],
    ['post', '/trains/purchases'],
  ] as const)('%s %s: a 6,000-level body is 400 problem+json naming the limit, not 500', async (method, path) => {
    const res = await json(method, path, DEEP);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, code: 'REQUEST.JSON_TOO_DEEP', detail: 'JSON nesting depth exceeds 32', limit: 32 });
  });

  it('a __proto__ key is named as the problem', async () => {
    const res = await json('post', '/auth/login', '{"email":"a@example.com","password":"x","__proto__":{"admin":true}}');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REQUEST.FORBIDDEN_JSON_KEY', detail: 'JSON body contains a forbidden key __proto__', key: '__proto__' });
  });

  it('malformed JSON still says so, with a position', async () => {
    const res = await json('post', '/auth/login', '{"email":');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REQUEST.MALFORMED_JSON' });
    expect(res.body.detail).toMatch(/^Body is not valid JSON/);
  });

  it('/auth/login takes JSON only: a form post (login CSRF) is 415 problem+json', async () => {
    for (const type of ['form', 'text']) {
      const res = await request(junction.httpUrl).post('/auth/login').type(type).send('email=demo%40junction.dev&password=junction-demo-password');
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
      expect(res.body.detail).toContain('POST /auth/login accepts only application/json');
    }
    const multipart = await request(junction.httpUrl).post('/users').set('x-request-id', randomUUID()).field('email', 'x@example.com');
    expect(multipart.status).toBe(415);
  });

  it('the seed routes that post forms keep them: POST /api/orders (urlencoded and multipart)', async () => {
    const fields = { value: '10.00', user_id: 'form-user', installment: '1', method: 'credit_card' };
    await request(junction.httpUrl).post('/api/orders').type('form').send(fields).expect(201);
    let multipart = request(junction.httpUrl).post('/api/orders');
    for (const [k, v] of Object.entries(fields)) multipart = multipart.field(k, v);
    await multipart.expect(201);
  });

  it('ordinary JSON still works', async () => {
    const email = `bodies-${randomUUID().slice(0, 8)}@example.com`;
    const body = { email, password: 'a long passphrase', first_name: 'Ada', last_name: 'Lovelace' };
    expect((await json('post', '/users', JSON.stringify(body))).status).toBe(200);
    expect((await json('post', '/auth/login', JSON.stringify({ email, password: body.password }))).status).toBe(200);
  });
});
